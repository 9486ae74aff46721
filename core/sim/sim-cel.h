/*
 * sim-cel.h: the subset of CEL (the Common Expression Language) the
 * simulator evaluates for ValidatingAdmissionPolicies.
 *
 * The subset (what the shipped share/policies/scs-pins.yaml and policies
 * like it use; anything else is "outside the subset"):
 * - literals: integers, doubles, single/double-quoted strings with the
 *   usual escapes (raw r'' strings too), true, false, null, lists [a, b],
 *   maps {'k': v};
 * - operators: ! - (unary), * / % + -, < <= > >= == != in, && || (with
 *   CEL's error absorption: false && error is false), c ? a : b;
 * - member access a.f, index a[i] / m['k'], has(a.f);
 * - macros on lists and maps (maps iterate their keys): all, exists,
 *   exists_one, filter, map(x, e) and map(x, p, e);
 * - functions: size (global and member), string, int, double,
 *   startsWith, endsWith, contains, substring, join, lowerAscii,
 *   upperAscii, trim.
 * Values are JSON: int and double are both JSON numbers (string() of an
 * integral number prints no fraction, / of two integral numbers
 * truncates), equality is deep, and values of different types are never
 * equal. Errors (no such key, no such overload, division by zero) are
 * values that && || and the macros absorb as CEL does.
 */
#ifndef SCS_SIM_CEL_H
#define SCS_SIM_CEL_H

#include <stddef.h>

#include <cJSON.h>

enum sim_cel_result {
	SIM_CEL_VALUE,		/* *out holds the value */
	SIM_CEL_ERROR,		/* evaluation error: *msg */
	SIM_CEL_UNSUPPORTED	/* syntax error or outside the subset: *msg */
};

struct sim_cel_var {
	const char	*name;
	const cJSON	*value;		/* NULL: declared, a null value */
};

/*
 * Evaluate expr with the variables vars (borrowed). On SIM_CEL_VALUE
 * *out is the value (caller deletes); otherwise *msg says why (caller
 * frees) in the words CEL uses ("no such key: f", "no matching overload
 * for 'size'").
 */
enum sim_cel_result sim_cel_eval(const char *expr,
		    const struct sim_cel_var *vars, size_t nvars, cJSON **out,
		    char **msg);
/* SIM_CEL_VALUE when expr parses within the subset, else *msg. */
enum sim_cel_result sim_cel_check(const char *expr, char **msg);

/* --- between the parser and the evaluator ---------------------------- */

enum sim_cel_kind {
	CEL_LIT, CEL_IDENT, CEL_SELECT, CEL_HAS, CEL_INDEX, CEL_CALL,
	CEL_LIST, CEL_MAP, CEL_NOT, CEL_NEG, CEL_BINARY, CEL_AND, CEL_OR,
	CEL_COND, CEL_MACRO
};

struct sim_cel_node {
	enum sim_cel_kind	  kind;
	int			  op;		/* CEL_BINARY: operator token */
	char			 *s;		/* name, field, function, macro */
	char			 *var;		/* CEL_MACRO: iteration variable */
	cJSON			 *lit;		/* CEL_LIT */
	struct sim_cel_node	 *a, *b, *c;	/* operands; CEL_CALL/MACRO:
						 * a = target or NULL */
	struct sim_cel_node	**args;		/* CEL_CALL, CEL_MACRO, CEL_LIST,
						 * CEL_MAP (key, value pairs) */
	size_t			  nargs;
};

/* Binary operator tokens (CEL_BINARY op). */
enum { CEL_OP_EQ = 256, CEL_OP_NE, CEL_OP_LE, CEL_OP_GE, CEL_OP_IN };

/* Parse expr into a tree (caller frees with sim_cel_free), or NULL with
 * *msg ("syntax error at 12: ..." or "undeclared reference to 'f'"). */
struct sim_cel_node *sim_cel_parse(const char *expr, char **msg);
void		 sim_cel_free(struct sim_cel_node *);

#endif
