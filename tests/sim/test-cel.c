/*
 * test-cel.c: the simulator's CEL subset (core/sim/sim-cel.h): values,
 * operators, error absorption, macros, functions, what lies outside.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-cel.h"
#include "../tap.h"

static const char object[] =
"{\"metadata\":{\"name\":\"c1\",\"labels\":{\"a\":\"b\"}},"
" \"spec\":{\"topology\":{\"version\":\"v1.36.2\",\"variables\":["
"  {\"name\":\"workerFlavor\",\"value\":\"SCS-4V-8\"},"
"  {\"name\":\"workerRootDisk\",\"value\":50},"
"  {\"name\":\"ha\",\"value\":true},"
"  {\"name\":\"ratio\",\"value\":0.5},"
"  {\"name\":\"identityRef\",\"value\":{\"name\":\"openstack\"}}]}}}";

static const char params[] =
"{\"data\":{\"variable.workerFlavor\":\"SCS-8V-32\","
" \"kubernetes.version\":\"v1.36.2\",\"other\":\"x\"}}";

struct vcase {
	const char	*expr;
	const char	*want;	/* JSON of the value; "!text" an error
				 * containing text; "?text" outside the
				 * subset, message containing text */
};

static const struct vcase cases[] = {
	/* literals and arithmetic */
	{ "1 + 2 * 3", "7" },
	{ "(1 + 2) * 3", "9" },
	{ "7 / 2", "3" },
	{ "7 % 3", "1" },
	{ "-(2 - 5)", "3" },
	{ "1.5 + 1.0", "2.5" },
	{ "'a' + \"b\" + r'\\n'", "\"ab\\\\n\"" },
	{ "'\\u00e9t\\u00e9'", "\"\xc3\xa9t\xc3\xa9\"" },
	{ "[1, 2] + [3]", "[1,2,3]" },
	{ "{'k': 1, 'j': [true, null]}", "{\"k\":1,\"j\":[true,null]}" },
	{ "1 / 0", "!division by zero" },
	{ "5 % 0", "!modulus by zero" },
	{ "'a' + 1", "!no such overload" },
	/* comparisons and equality */
	{ "1 < 2 && 'a' < 'b' && 2 >= 2 && 3 > 2 && 2 <= 2", "true" },
	{ "[1, {'a': 'b'}] == [1, {'a': 'b'}]", "true" },
	{ "{'a': 1, 'b': 2} == {'b': 2, 'a': 1}", "true" },
	{ "1 == 'a'", "false" },
	{ "null == null", "true" },
	{ "1 != 2", "true" },
	{ "2 in [1, 2]", "true" },
	{ "'other' in params.data", "true" },
	{ "'nope' in params.data", "false" },
	{ "1 in 'abc'", "!no such overload" },
	/* selection, index, has */
	{ "object.metadata.name", "\"c1\"" },
	{ "object.metadata['labels'].a", "\"b\"" },
	{ "object.spec.topology.variables[1].value", "50" },
	{ "object.spec.topology.variables[9]", "!index out of bounds" },
	{ "object.spec.missing", "!no such key: missing" },
	{ "has(object.spec.topology)", "true" },
	{ "has(object.spec.workers)", "false" },
	{ "has(object.spec.workers.x)", "!no such key: workers" },
	{ "has(oldObject.spec)", "!null_type" },
	{ "oldObject == null", "true" },
	/* && || absorb errors when the other side decides */
	{ "false && object.nope", "false" },
	{ "object.nope && false", "false" },
	{ "true || object.nope", "true" },
	{ "object.nope || true", "true" },
	{ "true && object.nope", "!no such key: nope" },
	{ "1 && true", "!no such overload" },
	{ "!true", "false" },
	{ "!1", "!no such overload" },
	{ "true ? 'y' : object.nope", "\"y\"" },
	{ "1 ? 2 : 3", "!no such overload" },
	{ "has(params.data) ? 1 : 2", "1" },
	/* macros */
	{ "[1, 2, 3].all(x, x > 0)", "true" },
	{ "[1, 2, 3].all(x, x > 1)", "false" },
	{ "[0, 1].all(x, 1 / x > 0)", "!division by zero" },
	{ "[0, 1].all(x, x > 0 && 1 / x > 0)", "false" },
	{ "[0, 1].exists(x, 1 / x == 1)", "true" },
	{ "[1, 2].exists(x, x > 5)", "false" },
	{ "[1, 2, 3].exists_one(x, x > 2)", "true" },
	{ "[1, 2, 3].exists_one(x, x > 1)", "false" },
	{ "[1, 2, 3].filter(x, x % 2 == 1)", "[1,3]" },
	{ "[1, 2, 3].map(x, x * 10)", "[10,20,30]" },
	{ "[1, 2, 3].map(x, x > 1, x * 10)", "[20,30]" },
	{ "[1, 2].filter(x, 'y')", "!no such overload" },
	{ "params.data.filter(k, k.startsWith('variable.'))",
	    "[\"variable.workerFlavor\"]" },
	{ "[[1, 2], [3]].map(l, l.map(x, x + 1))", "[[2,3],[4]]" },
	{ "[1].all(x, [2].all(y, x < y))", "true" },
	{ "(1).all(x, true)", "!no such overload" },
	/* functions */
	{ "size('h\xc3\xa9llo')", "5" },
	{ "'abc'.size() + size([1]) + size({'a': 1})", "5" },
	{ "string(50) + string(true) + string(0.5) + string('s')",
	    "\"50true0.5s\"" },
	{ "string({'a': 1})", "!no such overload: string(map)" },
	{ "string(null)", "!no such overload" },
	{ "int('42') + int(2.9)", "44" },
	{ "int('4x')", "!cannot convert" },
	{ "double('0.25')", "0.25" },
	{ "'variable.x'.substring(9)", "\"x\"" },
	{ "'h\xc3\xa9llo'.substring(1, 3)", "\"\xc3\xa9l\"" },
	{ "'abc'.substring(4)", "!index out of range" },
	{ "'abc'.substring(2, 1)", "!index out of range" },
	{ "['a', 'b'].join(', ')", "\"a, b\"" },
	{ "['a', 'b'].join()", "\"ab\"" },
	{ "[1].join(',')", "!want strings" },
	{ "'abc'.startsWith('ab') && 'abc'.endsWith('bc') && "
	    "'abc'.contains('b')", "true" },
	{ "'AbC'.lowerAscii() + 'AbC'.upperAscii() + '  t '.trim()",
	    "\"abcABCt\"" },
	{ "'a'.startsWith(1)", "!no such overload" },
	/* the shipped policy's expressions, in small */
	{ "object.spec.topology.variables.exists(v, v.name == 'workerFlavor' "
	    "&& string(v.value) == params.data['variable.workerFlavor'])",
	    "false" },
	{ "object.spec.topology.variables.filter(v, v.name != "
	    "'identityRef').map(v, string(v.value))",
	    "[\"SCS-4V-8\",\"50\",\"true\",\"0.5\"]" },
	{ "object.spec.topology.variables.exists(v, string(v.value) == 'x')",
	    "!no such overload: string(map)" },
	{ "request.operation == 'CREATE'", "true" },
	/* outside the subset, syntax errors */
	{ "'abc'.matches('a.*')", "?matches" },
	{ "authorizer.group('')", "?'group' is outside" },
	{ "authorizer", "?undeclared reference to 'authorizer'" },
	{ "quantity('1Gi')", "?quantity" },
	{ "1 +", "?syntax error" },
	{ "(1", "?syntax error" },
	{ "'open", "?unterminated" },
	{ "1 2", "?syntax error" },
	{ "'''x'''", "?triple" },
	{ "has(object)", "?has()" },
	{ "x # y", "?unexpected character" },
	{ "", "?syntax error" },
};

static void
check(const struct vcase *c, const struct sim_cel_var *vars, size_t n)
{
	cJSON			*out = NULL, *want;
	char			*msg = NULL, *got;
	enum sim_cel_result	 r;

	r = sim_cel_eval(c->expr, vars, n, &out, &msg);
	if (c->want[0] == '!' || c->want[0] == '?') {
		enum sim_cel_result w = c->want[0] == '!' ? SIM_CEL_ERROR :
		    SIM_CEL_UNSUPPORTED;

		if (!ok(r == w && msg != NULL && strstr(msg, c->want + 1) !=
		    NULL, "%s -> %s", c->expr, c->want))
			diag("  got %d '%s'", (int)r, msg != NULL ? msg :
			    "(value)");
	} else {
		want = cJSON_Parse(c->want);
		got = out != NULL ? cJSON_PrintUnformatted(out) : NULL;
		if (!ok(r == SIM_CEL_VALUE && want != NULL &&
		    cJSON_Compare(out, want, 1), "%s -> %s", c->expr, c->want))
			diag("  got %s", got != NULL ? got : msg);
		free(got);
		cJSON_Delete(want);
	}
	cJSON_Delete(out);
	free(msg);
}

int
main(void)
{
	cJSON			*obj = cJSON_Parse(object), *par = cJSON_Parse(params);
	cJSON			*req = cJSON_Parse("{\"operation\":\"CREATE\"}");
	struct sim_cel_var	 vars[] = {
		{ "object", obj }, { "oldObject", NULL }, { "params", par },
		{ "request", req },
	};
	char			*msg = NULL, *deep;
	size_t			 i;
	struct scs_buf		 b;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check(&cases[i], vars, sizeof vars / sizeof vars[0]);

	/* Bounds: deep nesting and long chains are refused, not run. */
	scs_buf_init(&b, 0);
	for (i = 0; i < 200; i++)
		scs_buf_adds(&b, "(");
	scs_buf_adds(&b, "1");
	for (i = 0; i < 200; i++)
		scs_buf_adds(&b, ")");
	ok(sim_cel_check(b.data, &msg) == SIM_CEL_UNSUPPORTED &&
	    strstr(msg, "too deeply") != NULL, "200 parentheses refused");
	free(msg);
	msg = NULL;
	scs_buf_reset(&b);
	for (i = 0; i < 300; i++)
		scs_buf_adds(&b, "!");
	scs_buf_adds(&b, "true");
	ok(sim_cel_check(b.data, &msg) == SIM_CEL_UNSUPPORTED,
	    "300 negations refused");
	free(msg);
	msg = NULL;
	scs_buf_reset(&b);
	scs_buf_adds(&b, "object");
	for (i = 0; i < 5000; i++)
		scs_buf_adds(&b, ".a");
	deep = scs_buf_steal(&b);
	ok(sim_cel_check(deep, &msg) == SIM_CEL_UNSUPPORTED &&
	    strstr(msg, "longer than") != NULL, "10 kB chain refused");
	free(msg);
	msg = NULL;
	free(deep);
	ok(sim_cel_check("object.spec.topology.variables.all(v, "
	    "size(v.name) > 0)", &msg) == SIM_CEL_VALUE && msg == NULL,
	    "check: a valid expression");

	cJSON_Delete(obj);
	cJSON_Delete(par);
	cJSON_Delete(req);
	return (tap_done());
}
