/*
 * test-cform.c: the cluster form model: rows from a class's variables,
 * editing, undo, validation with the server's paths, server causes on
 * their rows, 409 rebase, drafts; every ClusterClass fixture in
 * ../shared/fixtures opens as a form without errors in its own defaults;
 * the ClusterStack CRD's schema (fixture) as another kind's form.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/clusterform.h"
#include "scs/model.h"
#include "scs/schema.h"
#include "scs/util.h"
#include "scs/yaml.h"
#include "../tap.h"

static const char class_json[] =
"{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\",\"kind\":\"ClusterClass\","
" \"metadata\":{\"name\":\"openstack-scs2-1-33-v2\",\"namespace\":\"t\"},"
" \"spec\":{\"workers\":{\"machineDeployments\":[{\"class\":\"w1\"}]},"
"  \"variables\":["
"   {\"name\":\"flavor\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
"     {\"type\":\"string\",\"enum\":[\"SCS-2V-4\",\"SCS-4V-8\"],"
"      \"default\":\"SCS-2V-4\",\"description\":\"the flavor\"}}},"
"   {\"name\":\"disk\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
"     {\"type\":\"integer\",\"minimum\":10,\"maximum\":100,\"default\":50}}},"
"   {\"name\":\"nets\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
"     {\"type\":\"array\",\"items\":{\"type\":\"string\"}}}},"
"   {\"name\":\"labels\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
"     {\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}}},"
"   {\"name\":\"cloud\",\"required\":true,\"schema\":{\"openAPIV3Schema\":"
"     {\"type\":\"string\",\"minLength\":1,\"pattern\":\"^[a-z]+$\"}}},"
"   {\"name\":\"any\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
"     {\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}}}"
"  ]}}";

static long
row_of(struct scs_cform *f, const char *path)
{
	long	 r = scs_cform_find(f, path);

	if (r < 0)
		diag("no row %s", path);
	return (r);
}

static void
test_form(int v1beta1)
{
	cJSON			*cls = cJSON_Parse(class_json), *o;
	struct scs_cform	*f = scs_cform_new("t", NULL, v1beta1);
	const struct scs_frow	*r;
	const char		*choices[] = { "openstack-scs2-1-33-v2", NULL };
	const char		*versions[] = { "v1.33.5", "v1.33.6", NULL };
	char			*cause = NULL, *rest = NULL, *y, *ch;
	long			 i, first;
	size_t			 n;
	struct scs_api_error	 se;
	struct scs_cause	 causes[2];

	scs_cform_set_choices(f, "class", choices);
	scs_cform_set_choices(f, "version", versions);
	scs_cform_set_class(f, cls);
	is_str(scs_cform_class_name(f), "openstack-scs2-1-33-v2", "class set");
	i = row_of(f, "spec.topology.variables[flavor].value");
	r = scs_cform_row(f, (size_t)i);
	ok(r != NULL && r->kind == SCS_FROW_CHOICE, "enum is a choice");
	ok(r != NULL && r->is_default, "default prefilled and marked");
	is_str(r != NULL ? r->text : "", "SCS-2V-4", "default value shown");
	ok(r != NULL && strstr(r->help, "the flavor") != NULL,
	    "description in help");
	i = row_of(f, "spec.topology.variables[cloud].value");
	r = scs_cform_row(f, (size_t)i);
	ok(r != NULL && r->required && r->unset, "required, unset");
	ok(r != NULL && strstr(r->help, "pattern ^[a-z]+$") != NULL &&
	    strstr(strstr(r->help, "pattern") + 1, "pattern") == NULL,
	    "help names the pattern once: %s", r != NULL ? r->help : "");
	i = row_of(f, "spec.topology.variables[any].value");
	r = scs_cform_row(f, (size_t)i);
	ok(r != NULL && r->kind == SCS_FROW_JSON, "oneOf edited as JSON");

	n = scs_cform_validate(f, &first);
	ok(n >= 3, "empty form: %zu errors", n);
	r = scs_cform_row(f, (size_t)first);
	is_str(r != NULL ? r->path : "", "metadata.name", "first error: name");
	i = row_of(f, "spec.topology.variables[cloud].value");
	ok(scs_cform_row(f, (size_t)i)->error != NULL, "required variable "
	    "error on its row");

	i = row_of(f, "metadata.name");
	is_int(scs_cform_set(f, (size_t)i, "Bad_Name", &cause), 0, "name set");
	scs_cform_validate(f, NULL);
	ok(scs_cform_row(f, (size_t)i)->error != NULL, "bad name refused");
	scs_cform_set(f, (size_t)i, "c1", NULL);
	i = row_of(f, "spec.topology.version");
	ok(scs_cform_set(f, (size_t)i, "v9.9.9", &cause) == -1, "version "
	    "not offered: %s", cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	is_int(scs_cform_step(f, (size_t)i, 1), 0, "version stepped");
	is_str(scs_cform_row(f, (size_t)i)->text, "v1.33.5", "first version");
	i = row_of(f, "spec.topology.variables[cloud].value");
	scs_cform_set(f, (size_t)i, "openstack", NULL);
	i = row_of(f, "spec.topology.variables[disk].value");
	ok(scs_cform_set(f, (size_t)i, "abc", &cause) == -1 && cause != NULL,
	    "not a number refused");
	free(cause);
	cause = NULL;
	scs_cform_set(f, (size_t)i, "5", NULL);
	n = scs_cform_validate(f, &first);
	is_int((int)n, 1, "one error left");
	r = scs_cform_row(f, (size_t)first);
	is_str(r->path, "spec.topology.variables[disk].value", "on disk");
	ok(strstr(r->error, "10") != NULL, "names the bound: %s", r->error);
	is_int(scs_cform_undo(f), 0, "undo");
	is_str(scs_cform_row(f, (size_t)row_of(f,
	    "spec.topology.variables[disk].value"))->text, "50", "undo restores "
	    "the default");
	is_int((int)scs_cform_validate(f, NULL), 0, "valid now");

	/* Lists and maps. */
	i = row_of(f, "spec.topology.variables[nets].value");
	is_int(scs_cform_set(f, (size_t)i, "", NULL), 0, "create the list");
	for (n = 0; n < scs_cform_nrows(f); n++) {
		r = scs_cform_row(f, n);
		if (r->kind == SCS_FROW_ADD && strcmp(r->path,
		    "spec.topology.variables[nets].value") == 0)
			break;
	}
	is_int(scs_cform_add(f, n, NULL, NULL), 0, "add item");
	i = row_of(f, "spec.topology.variables[nets].value.[0]");
	is_int(scs_cform_set(f, (size_t)i, "10.0.0.0/8", NULL), 0, "set item");
	ok(scs_cform_row(f, (size_t)i)->removable, "item removable");
	i = row_of(f, "spec.topology.variables[labels].value");
	scs_cform_set(f, (size_t)i, "", NULL);
	for (n = 0; n < scs_cform_nrows(f); n++) {
		r = scs_cform_row(f, n);
		if (r->kind == SCS_FROW_ADD && strcmp(r->path,
		    "spec.topology.variables[labels].value") == 0)
			break;
	}
	is_int(scs_cform_add(f, n, "team", NULL), 0, "add key");
	ok(row_of(f, "spec.topology.variables[labels].value.team") >= 0,
	    "key row");
	/* Workers. */
	for (n = 0; n < scs_cform_nrows(f); n++) {
		r = scs_cform_row(f, n);
		if (r->kind == SCS_FROW_ADD && strcmp(r->label,
		    "+ add MachineDeployment") == 0)
			break;
	}
	is_int(scs_cform_add(f, n, NULL, NULL), 0, "add MD");
	i = row_of(f, "spec.topology.workers.machineDeployments[md-1].class");
	is_str(i >= 0 ? scs_cform_row(f, (size_t)i)->text : "", "w1",
	    "new MD has the class's worker class");
	for (n = 0; n < scs_cform_nrows(f); n++) {
		r = scs_cform_row(f, n);
		if (r->kind == SCS_FROW_ADD && strstr(r->path,
		    "[md-1].variables.overrides") != NULL)
			break;
	}
	ok(scs_cform_add(f, n, "nosuch", &cause) == -1, "unknown override "
	    "refused");
	free(cause);
	cause = NULL;
	is_int(scs_cform_add(f, n, "flavor", NULL), 0, "override added");
	i = row_of(f, "spec.topology.workers.machineDeployments[md-1]."
	    "variables.overrides[flavor].value");
	is_int(scs_cform_set(f, (size_t)i, "SCS-4V-8", NULL), 0, "override "
	    "set");

	o = scs_cform_object(f);
	is_str(cJSON_GetStringValue(scs_jpath(o, v1beta1 ?
	    "spec.topology.class" : "spec.topology.classRef.name")),
	    "openstack-scs2-1-33-v2", "class reference in the right place");
	is_str(cJSON_GetStringValue(scs_jpath(o, "apiVersion")), v1beta1 ?
	    "cluster.x-k8s.io/v1beta1" : "cluster.x-k8s.io/v1beta2",
	    "apiVersion");
	is_int(cJSON_GetArraySize(scs_jpath(o,
	    "spec.topology.workers.machineDeployments")), 2, "two MDs");
	cJSON_Delete(o);
	y = scs_cform_yaml(f);
	ok(strstr(y, "name: c1") != NULL && strstr(y, "SCS-4V-8") != NULL,
	    "YAML preview has the values");
	free(y);

	/* Server causes land on their rows; others are listed. */
	memset(&se, 0, sizeof se);
	causes[0].field = (char *)"spec.topology.variables[flavor].value";
	causes[0].message = (char *)"Unsupported value: \"x\"";
	causes[0].reason = (char *)"FieldValueNotSupported";
	causes[1].field = (char *)"spec.somewhere.else";
	causes[1].message = (char *)"bad";
	causes[1].reason = (char *)"FieldValueInvalid";
	se.causes = causes;
	se.ncauses = 2;
	is_int((int)scs_cform_server_errors(f, &se, &rest), 1, "one cause on "
	    "a row");
	ok(scs_cform_row(f, (size_t)row_of(f,
	    "spec.topology.variables[flavor].value"))->error != NULL,
	    "server error on the flavor row");
	ok(rest != NULL && strstr(rest, "spec.somewhere.else") != NULL,
	    "the other cause listed");
	free(rest);

	/* A Status without causes: AlreadyExists lands on the name, a field
	 * the message names on its row. */
	memset(&se, 0, sizeof se);
	se.reason = (char *)"AlreadyExists";
	se.message = (char *)"clusters \"c1\" already exists";
	is_int((int)scs_cform_server_errors(f, &se, NULL), 1, "AlreadyExists "
	    "mapped");
	ok(scs_cform_row(f, (size_t)row_of(f, "metadata.name"))->error !=
	    NULL, "on the name");
	se.reason = (char *)"Invalid";
	se.message = (char *)"admission webhook denied the request: "
	    "spec.topology.version: Invalid value: \"v1\": too old";
	is_int((int)scs_cform_server_errors(f, &se, NULL), 1, "field from the "
	    "message");
	ok(scs_cform_row(f, (size_t)row_of(f, "spec.topology.version"))->
	    error != NULL, "on the version row");

	/* Drafts. */
	y = scs_cform_draft(f);
	{
		struct scs_cform	*g = scs_cform_from_draft(y, v1beta1);
		cJSON			*a = scs_cform_object(f);
		cJSON			*b = scs_cform_object(g);

		ok(g != NULL && cJSON_Compare(a, b, 1), "draft round trip");
		ok(!scs_cform_changed(g), "a reopened draft is unchanged");
		cJSON_Delete(a);
		cJSON_Delete(b);
		scs_cform_free(g);
	}
	free(y);
	ok(scs_cform_changed(f), "changed");
	scs_cform_free(f);

	/* Edit and 409: the user's change survives the server's. */
	o = cJSON_Parse("{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\","
	    "\"kind\":\"Cluster\",\"metadata\":{\"name\":\"c\","
	    "\"namespace\":\"t\",\"resourceVersion\":\"1\"},\"spec\":{"
	    "\"topology\":{\"classRef\":{\"name\":\"openstack-scs2-1-33-v2\"},"
	    "\"version\":\"v1.33.5\",\"controlPlane\":{\"replicas\":1},"
	    "\"variables\":[{\"name\":\"cloud\",\"value\":\"o\"}]}},"
	    "\"status\":{\"phase\":\"Provisioned\"}}");
	f = scs_cform_new("t", o, 0);
	scs_cform_set_class(f, cls);
	ok(scs_cform_editing(f), "editing");
	ok(scs_cform_row(f, (size_t)row_of(f, "metadata.name"))->fixed,
	    "name fixed when editing");
	i = row_of(f, "spec.topology.controlPlane.replicas");
	scs_cform_set(f, (size_t)i, "3", NULL);
	{
		static char	 unset[] = "unset";
		cJSON		*latest = cJSON_Duplicate(o, 1);

		cJSON_ReplaceItemInObjectCaseSensitive(scs_jpath(latest,
		    "metadata") == NULL ? latest : (cJSON *)scs_jpath(latest,
		    "metadata"), "resourceVersion", cJSON_CreateString("2"));
		/* A write that leaves the spec alone (the controllers'
		 * status, a label): nothing in spec, nothing named. */
		cJSON_ReplaceItemInObjectCaseSensitive(latest, "status",
		    cJSON_Parse("{\"phase\":\"Provisioning\"}"));
		ch = unset;	/* the rebase must set it */
		is_int(scs_cform_rebase(f, latest, &ch), SCS_REBASE_SAME,
		    "a status write: the spec is the same");
		ok(ch == NULL, "nothing in spec is named");
		if (ch != unset)
			free(ch);
		ok(scs_cform_changed(f), "the user's change is kept");
		cJSON_ReplaceItemInObjectCaseSensitive((cJSON *)scs_jpath(
		    latest, "spec.topology"), "version",
		    cJSON_CreateString("v1.33.6"));
		is_int(scs_cform_rebase(f, latest, &ch), SCS_REBASE_SPEC,
		    "a version write: the spec changed");
		ok(ch != NULL && strstr(ch, "spec.topology.version") != NULL,
		    "the server's change is named: %s", ch != NULL ? ch : "");
		is_int(scs_cform_rebase(f, latest, NULL), SCS_REBASE_SAME,
		    "the same object again: nothing in spec");
		free(ch);
		cJSON_Delete(latest);
	}
	o = (cJSON_Delete(o), scs_cform_object(f));
	is_str(cJSON_GetStringValue(scs_jpath(o, "metadata.resourceVersion")),
	    "2", "new resourceVersion");
	is_str(cJSON_GetStringValue(scs_jpath(o, "spec.topology.version")),
	    "v1.33.6", "server's version kept");
	is_int(scs_jpath(o, "spec.topology.controlPlane.replicas")->valueint,
	    3, "user's replicas re-applied");
	ok(scs_jpath(o, "status") == NULL, "no status sent");
	cJSON_Delete(o);
	scs_cform_free(f);
	cJSON_Delete(cls);
}

/* Every variables fixture (real cluster-stacks schemas) opens as a form
 * with a row per variable; the prefilled defaults validate except for
 * required variables without a default. */
static void
test_fixtures(void)
{
	const char	*fx = getenv("SCS_FIXTURES");
	char		 dir[4096], path[8192];
	DIR		*d;
	struct dirent	*e;
	FILE		*fp;
	char		*text;
	long		 len;
	cJSON		*j;
	int		 seen = 0;

	if (fx == NULL) {
		skip("SCS_FIXTURES not set");
		return;
	}
	snprintf(dir, sizeof dir, "%s/variables", fx);
	if ((d = opendir(dir)) == NULL) {
		skip("no fixtures at %s", dir);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		struct scs_cform	*f;
		size_t			 n;

		if (strstr(e->d_name, ".json") == NULL)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if ((fp = fopen(path, "rb")) == NULL)
			continue;
		fseek(fp, 0, SEEK_END);
		len = ftell(fp);
		rewind(fp);
		text = scs_xmalloc((size_t)len + 1);
		text[fread(text, 1, (size_t)len, fp)] = '\0';
		fclose(fp);
		j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "kind", "ClusterClass");
		cJSON_AddItemToObject(cJSON_AddObjectToObject(j, "metadata"),
		    "name", cJSON_CreateString("fixture"));
		cJSON_AddItemToObject(cJSON_AddObjectToObject(j, "spec"),
		    "variables", cJSON_Parse(text));
		free(text);
		f = scs_cform_new("t", NULL, 0);
		scs_cform_set_class(f, j);
		n = scs_cform_nrows(f);
		ok(n > (size_t)cJSON_GetArraySize(scs_jpath(j,
		    "spec.variables")), "%s: %zu rows", e->d_name, n);
		{
			size_t	 k, bad = 0;
			long	 first;

			scs_cform_validate(f, &first);
			for (k = 0; k < scs_cform_nrows(f); k++) {
				const struct scs_frow *r = scs_cform_row(f, k);

				if (r->error != NULL && !r->required &&
				    strncmp(r->path, "spec.topology.variables",
				    23) == 0) {
					diag("%s: %s", r->path, r->error);
					bad++;
				}
			}
			is_int((int)bad, 0, "%s: defaults valid", e->d_name);
		}
		scs_cform_free(f);
		cJSON_Delete(j);
		seen++;
	}
	closedir(d);
	if (seen == 0)
		skip("no ClusterClass JSON fixtures in %s", dir);
}

/* Optional objects and defaults on a real schema (openstack-scs's
 * oidc_config, identityRef-like nested defaults): created from the
 * header with its nested defaults shown as defaults, removed by D on the
 * header or on a child that cannot go itself, created again; "(default)"
 * means the value equals the class's default, nested defaults included. */
static void
test_optional(void)
{
	const char		*fx = getenv("SCS_FIXTURES");
	char			 path[4096], *text;
	cJSON			*cls, *o;
	struct scs_cform	*f;
	const struct scs_frow	*r;
	long			 h, c, u;
	FILE			*fp;
	size_t			 len;

	if (fx == NULL) {
		skip("SCS_FIXTURES not set");
		return;
	}
	snprintf(path, sizeof path, "%s/variables/variables_cluster-stacks_"
	    "openstack-scs_v1beta1.json", fx);
	if ((fp = fopen(path, "rb")) == NULL) {
		skip("no fixture %s", path);
		return;
	}
	text = scs_xmalloc(1 << 20);
	len = fread(text, 1, (1 << 20) - 1, fp);
	text[len] = '\0';
	fclose(fp);
	cls = cJSON_Parse("{\"kind\":\"ClusterClass\",\"metadata\":{\"name\":"
	    "\"scs\"},\"spec\":{}}");
	cJSON_AddItemToObject(J(cls, "spec"), "variables", cJSON_Parse(text));
	free(text);
	/* An object whose default is {} with defaults inside (as the demo's
	 * identityRef): equal to them is the default. */
	cJSON_AddItemToArray(J(J(cls, "spec"), "variables"), cJSON_Parse(
	    "{\"name\":\"identity\",\"schema\":{\"openAPIV3Schema\":{"
	    "\"type\":\"object\",\"default\":{},\"properties\":{\"name\":"
	    "{\"type\":\"string\",\"default\":\"openstack\"}}}}}"));
	f = scs_cform_new("t", NULL, 0);
	scs_cform_set_class(f, cls);

	h = row_of(f, "spec.topology.variables[oidc_config].value");
	r = h >= 0 ? scs_cform_row(f, (size_t)h) : NULL;
	ok(r != NULL && r->kind == SCS_FROW_HEAD && r->unset && !r->optional,
	    "oidc_config starts unset");
	ok(row_of(f, "spec.topology.variables[oidc_config].value."
	    "username_claim") < 0, "no child rows while unset");
	ok(h >= 0 && scs_cform_removes(f, (size_t)h) == -1, "nothing to "
	    "remove on an unset header");
	ok(h >= 0 && scs_cform_set(f, (size_t)h, "", NULL) == 0, "Enter on "
	    "the header creates it");
	r = scs_cform_row(f, (size_t)h);
	ok(r != NULL && !r->unset && r->optional, "now set and optional");
	u = row_of(f, "spec.topology.variables[oidc_config].value."
	    "username_claim");
	r = u >= 0 ? scs_cform_row(f, (size_t)u) : NULL;
	ok(r != NULL && strcmp(r->text, "preferred_username") == 0 &&
	    r->is_default && !r->unset, "a nested default is filled in and "
	    "marked as the default");
	c = row_of(f, "spec.topology.variables[oidc_config].value.client_id");
	r = c >= 0 ? scs_cform_row(f, (size_t)c) : NULL;
	ok(r != NULL && r->unset && !r->is_default, "client_id (no default) "
	    "unset");
	is_int((int)scs_cform_removes(f, (size_t)u), (int)u, "D on a set "
	    "optional child unsets the child");
	scs_cform_remove(f, (size_t)u);
	r = scs_cform_row(f, (size_t)u);
	ok(r != NULL && r->unset && r->is_default && strcmp(r->text,
	    "preferred_username") == 0, "unset, it shows the default the "
	    "server fills in");
	is_int((int)scs_cform_removes(f, (size_t)c), (int)h, "D on an unset "
	    "child removes the object");
	is_int(scs_cform_remove(f, (size_t)c), 0, "removed");
	r = scs_cform_row(f, (size_t)h);
	ok(r != NULL && r->unset && strcmp(r->path,
	    "spec.topology.variables[oidc_config].value") == 0,
	    "the header is unset again");
	o = scs_cform_object(f);
	ok(scs_jnamed(scs_jpath(o, "spec.topology.variables"), "oidc_config")
	    == NULL, "oidc_config is not sent");
	cJSON_Delete(o);
	is_int(scs_cform_undo(f), 0, "undo brings it back");
	ok(row_of(f, "spec.topology.variables[oidc_config].value.client_id")
	    >= 0, "with its rows");

	/* A Machine Deployment's fields never take it along. */
	c = row_of(f, "spec.topology.workers.machineDeployments[md-0]"
	    ".replicas");
	ok(c >= 0 && scs_cform_removes(f, (size_t)c) == -1, "D on md-0 "
	    "replicas removes nothing");

	/* {} with nested defaults equals them. */
	h = row_of(f, "spec.topology.variables[identity].value");
	r = h >= 0 ? scs_cform_row(f, (size_t)h) : NULL;
	ok(r != NULL && r->is_default, "identity {name: openstack} is the "
	    "default {}");
	c = row_of(f, "spec.topology.variables[identity].value.name");
	ok(c >= 0 && scs_cform_set(f, (size_t)c, "other", NULL) == 0, "set");
	r = scs_cform_row(f, (size_t)h);
	ok(r != NULL && !r->is_default, "changed inside: no longer the "
	    "default");
	o = cJSON_CreateObject();
	ok(scs_schema_is_default(scs_jpath(scs_jnamed(scs_jpath(cls,
	    "spec.variables"), "identity"), "schema.openAPIV3Schema"), o) == 1,
	    "scs_schema_is_default: {} is the default");
	cJSON_Delete(o);
	scs_cform_free(f);
	cJSON_Delete(cls);
}

/* The provider's pins: rows locked with the pinned value, sent as
 * pinned, editable again after an unpin; a policy's denial lands whole
 * on the row it names. */
static void
test_pins(void)
{
	cJSON			*cls = cJSON_Parse(class_json), *o, *cm;
	struct scs_cform	*f = scs_cform_new("t", NULL, 0);
	const struct scs_frow	*r;
	struct scs_api_error	 se;
	long			 i, v;
	char			*rest = NULL, *cause = NULL;
	const char		*deny = "clusters.cluster.x-k8s.io \"c\" is "
				    "forbidden: ValidatingAdmissionPolicy "
				    "'scs-pins' with binding 'scs-pins' denied "
				    "request: spec.topology.variables[disk] is "
				    "pinned by your provider to 80";

	scs_cform_set_class(f, cls);
	cm = cJSON_Parse("{\"metadata\":{\"name\":\"scs-pins\"},\"data\":{"
	    "\"variable.disk\":\"80\",\"variable.flavor\":\"SCS-4V-8\","
	    "\"variable.gone\":\"x\",\"kubernetes.version\":\"v1.33.6\"}}");
	scs_cform_set_pins(f, cm);
	i = row_of(f, "spec.topology.variables[disk].value");
	r = i >= 0 ? scs_cform_row(f, (size_t)i) : NULL;
	ok(r != NULL && r->pinned && r->fixed && strcmp(r->text, "80") == 0 &&
	    strstr(r->fixed_why, "pinned by your provider") != NULL,
	    "a pinned variable's row is locked with the pinned value");
	ok(i >= 0 && scs_cform_set(f, (size_t)i, "20", &cause) == -1,
	    "it cannot be set");
	free(cause);
	cause = NULL;
	v = row_of(f, "spec.topology.version");
	r = v >= 0 ? scs_cform_row(f, (size_t)v) : NULL;
	ok(r != NULL && r->pinned && strcmp(r->text, "v1.33.6") == 0,
	    "the version is pinned");
	r = scs_cform_row(f, (size_t)row_of(f, "spec.topology.variables[cloud]"
	    ".value"));
	ok(r != NULL && !r->pinned && !r->fixed, "an unpinned variable stays "
	    "editable");
	o = scs_cform_object(f);
	ok(cJSON_IsNumber(scs_jpath(cJSON_GetArrayItem(scs_jpath(o,
	    "spec.topology.variables"), 1), "value")) ||
	    cJSON_IsNumber(scs_jpath(cJSON_GetArrayItem(scs_jpath(o,
	    "spec.topology.variables"), 0), "value")),
	    "the integer pin is sent as a number");
	{
		char	*t = cJSON_PrintUnformatted(o);

		ok(strstr(t, "\"name\":\"disk\",\"value\":80") != NULL &&
		    strstr(t, "\"name\":\"flavor\",\"value\":\"SCS-4V-8\"") !=
		    NULL && strstr(t, "\"version\":\"v1.33.6\"") != NULL &&
		    strstr(t, "gone") == NULL, "sent as pinned (a variable the "
		    "class lacks is left out)");
		free(t);
	}
	cJSON_Delete(o);

	/* A denial naming a row: on it, whole. */
	memset(&se, 0, sizeof se);
	se.code = 403;
	se.reason = (char *)(uintptr_t)"Forbidden";
	se.message = (char *)(uintptr_t)deny;
	ok(scs_cform_server_errors(f, &se, &rest) == 1, "the denial found its "
	    "row");
	r = scs_cform_row(f, (size_t)row_of(f,
	    "spec.topology.variables[disk].value"));
	ok(r != NULL && r->error != NULL && strcmp(r->error, deny) == 0,
	    "the whole message is on the row");
	free(rest);
	rest = NULL;
	se.message = (char *)(uintptr_t)"denied request: something else";
	ok(scs_cform_server_errors(f, &se, &rest) == 0, "a denial naming no "
	    "field finds no row");
	free(rest);

	/* Unpinned: editable again, the value stays until changed. */
	scs_cform_set_pins(f, NULL);
	i = row_of(f, "spec.topology.variables[disk].value");
	r = i >= 0 ? scs_cform_row(f, (size_t)i) : NULL;
	ok(r != NULL && !r->pinned && !r->fixed && strcmp(r->text, "80") == 0,
	    "after the unpin the row is editable");
	ok(i >= 0 && scs_cform_set(f, (size_t)i, "20", &cause) == 0,
	    "and can be set");
	free(cause);
	cJSON_Delete(cm);
	cJSON_Delete(cls);
	scs_cform_free(f);
}

/* Another kind from its CRD's schema: the cluster-stack operator's
 * ClusterStack (fixture), as the bring-your-own-class form uses it. */
static void
test_kind(void)
{
	const char		*fx = getenv("SCS_FIXTURES");
	char			 path[4096], *text, *cause = NULL, *rest = NULL;
	size_t			 len, n;
	cJSON			*crd, *o;
	const cJSON		*schema;
	struct scs_cform	*f, *g;
	const struct scs_frow	*r;
	struct scs_api_error	 se;
	struct scs_cause	 causes[1];
	long			 i, first;

	if (fx == NULL) {
		skip("SCS_FIXTURES not set");
		return;
	}
	snprintf(path, sizeof path, "%s/crds/"
	    "crd_cso_clusterstacks.clusterstack.x-k8s.io.yaml", fx);
	if ((text = tap_slurp(path, &len)) == NULL) {
		skip("no ClusterStack CRD at %s", path);
		return;
	}
	crd = scs_yaml_load(text, len, &cause);
	free(text);
	/* One document: the CRD; its one version's schema. */
	schema = scs_jpath(cJSON_GetArrayItem(scs_jpath(cJSON_GetArrayItem(
	    crd, 0), "spec.versions"), 0), "schema.openAPIV3Schema");
	ok(schema != NULL, "the CRD's schema (%s)", cause != NULL ? cause :
	    "loaded");
	free(cause);
	cause = NULL;
	f = scs_cform_new_kind("tenant-a", "clusterstack.x-k8s.io/v1alpha1",
	    "ClusterStack", schema, NULL);
	is_str(scs_cform_kind(f), "ClusterStack", "a ClusterStack form");
	i = row_of(f, "spec.channel");
	r = i >= 0 ? scs_cform_row(f, (size_t)i) : NULL;
	ok(r != NULL && r->kind == SCS_FROW_CHOICE && r->choices != NULL &&
	    scs_streq(r->choices[0], "stable") && scs_streq(r->choices[1],
	    "custom") && r->choices[2] == NULL, "channel: the enum's choices");
	ok(r != NULL && r->is_default && scs_streq(r->text, "stable"),
	    "channel: its default");
	i = row_of(f, "spec.autoSubscribe");
	r = i >= 0 ? scs_cform_row(f, (size_t)i) : NULL;
	ok(r != NULL && r->kind == SCS_FROW_BOOL && scs_streq(r->text, "true"),
	    "autoSubscribe: a boolean, default true");
	i = row_of(f, "spec.kubernetesVersion");
	r = i >= 0 ? scs_cform_row(f, (size_t)i) : NULL;
	ok(r != NULL && r->required && r->unset && strstr(r->help,
	    "<majorVersion>.<minorVersion>") != NULL, "kubernetesVersion: "
	    "required, described");
	ok(row_of(f, "spec.versions") >= 0 && row_of(f, "spec.providerRef")
	    >= 0, "versions and providerRef rows");
	ok(scs_cform_find(f, "spec.topology.version") < 0 &&
	    scs_cform_find(f, "spec.topology.classRef.name") < 0,
	    "no cluster rows");
	n = scs_cform_validate(f, &first);
	is_int((int)n, 4, "empty: name, provider, spec.name and the version "
	    "required");
	ok(first >= 0 && scs_streq(scs_cform_row(f, (size_t)first)->path,
	    "metadata.name"), "the first problem is the name");
	i = row_of(f, "spec.kubernetesVersion");
	ok(scs_cform_check(f, (size_t)i, "1.3x", &cause) != 0 && cause !=
	    NULL && strstr(cause, "pattern") != NULL, "the CRD's pattern as "
	    "typed: %s", cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	ok(scs_cform_set(f, (size_t)row_of(f, "metadata.name"),
	    "openstack-scs2-1-37", &cause) == 0 &&
	    scs_cform_set(f, (size_t)row_of(f, "spec.provider"), "openstack",
	    &cause) == 0 && scs_cform_set(f, (size_t)row_of(f, "spec.name"),
	    "scs2", &cause) == 0 && scs_cform_set(f, (size_t)row_of(f,
	    "spec.kubernetesVersion"), "1.37", &cause) == 0 &&
	    scs_cform_step(f, (size_t)row_of(f, "spec.autoSubscribe"), 1) == 0,
	    "fields set");
	i = row_of(f, "spec.versions");
	ok(i >= 0 && scs_cform_set(f, (size_t)i, "", &cause) == 0,
	    "the versions list created");
	i = scs_cform_find(f, "spec.versions");
	for (n = (size_t)i; n < scs_cform_nrows(f); n++)
		if (scs_cform_row(f, n)->kind == SCS_FROW_ADD)
			break;
	ok(n < scs_cform_nrows(f) && scs_cform_add(f, n, NULL, &cause) == 0,
	    "an item added");
	i = row_of(f, "spec.versions[0]");
	ok(i >= 0 && scs_cform_set(f, (size_t)i, "v1", &cause) == 0,
	    "the item set");
	free(cause);
	is_int((int)scs_cform_validate(f, NULL), 0, "now valid");
	o = scs_cform_object(f);
	is_str(cJSON_GetStringValue(J(o, "apiVersion")),
	    "clusterstack.x-k8s.io/v1alpha1", "object: apiVersion");
	is_str(cJSON_GetStringValue(scs_jpath(o, "metadata.namespace")),
	    "tenant-a", "object: the namespace");
	ok(cJSON_IsFalse(scs_jpath(o, "spec.autoSubscribe")) &&
	    scs_streq(cJSON_GetStringValue(scs_jpath(o, "spec.channel")),
	    "stable") && scs_streq(cJSON_GetStringValue(cJSON_GetArrayItem(
	    scs_jpath(o, "spec.versions"), 0)), "v1"), "object: the spec");
	/* The server's causes land on the rows they name. */
	memset(&se, 0, sizeof se);
	causes[0].field = (char *)"spec.kubernetesVersion";
	causes[0].message = (char *)"Invalid value: \"1.37\": no release";
	causes[0].reason = (char *)"FieldValueInvalid";
	se.causes = causes;
	se.ncauses = 1;
	is_int((int)scs_cform_server_errors(f, &se, &rest), 1, "a server "
	    "cause on its row");
	ok(scs_cform_row(f, (size_t)row_of(f, "spec.kubernetesVersion"))->
	    error != NULL, "on kubernetesVersion");
	free(rest);
	/* A kept draft's object comes back as it was, unchanged. */
	g = scs_cform_new_kind("tenant-a", "clusterstack.x-k8s.io/v1alpha1",
	    "ClusterStack", schema, o);
	r = scs_cform_row(g, (size_t)row_of(g, "spec.versions[0]"));
	ok(r != NULL && scs_streq(r->text, "v1") && !scs_cform_changed(g),
	    "from a draft: its values, nothing changed");
	scs_cform_free(g);
	cJSON_Delete(o);
	scs_cform_free(f);
	cJSON_Delete(crd);
}

int
main(void)
{
	test_form(0);
	test_form(1);
	test_pins();
	test_optional();
	test_fixtures();
	test_kind();
	return (tap_done());
}
