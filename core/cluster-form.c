/*
 * cluster-form.c: the model behind the cluster form (clusterform.h): a
 * Cluster object, the rows derived from it and its class's variable
 * schemas, editing with undo, validation with the server's field paths.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "scs/cloud.h"
#include "scs/clusterform.h"
#include "scs/model.h"
#include "scs/pins.h"
#include "scs/schema.h"
#include "scs/util.h"
#include "scs/yaml.h"

#define UNDO_MAX	64
#define VARS		"spec.topology.variables"
#define MDS		"spec.topology.workers.machineDeployments"

/* Where a row's value lives, to change it. */
enum loc_type {
	LOC_NONE,
	LOC_KEY,		/* parent[key] */
	LOC_INDEX,		/* parent[index] */
	LOC_VAR,		/* a variable not set yet: list[] += {name} */
	LOC_ADD_ITEM,		/* append to the array parent */
	LOC_ADD_KEY,		/* add a key to the object parent */
	LOC_ADD_VAR,		/* add an override to list parent */
	LOC_ADD_MD,		/* add a MachineDeployment */
	LOC_MD			/* a MachineDeployment (remove) */
};

struct loc {
	enum loc_type	 type;
	cJSON		*parent;
	const char	*key;		/* LOC_KEY, LOC_VAR: the name; rows own
					   their copy */
	int		 index;
	const cJSON	*schema;	/* of the value (items for ADD) */
	int		 optional;	/* may be removed */
};

struct ferr {
	char		*path;
	char		*message;
};

struct scs_cform {
	cJSON		*obj;
	cJSON		*base;		/* as opened, for rebase */
	cJSON		*mark;		/* for changed() */
	cJSON		*cls;
	cJSON		*defs;
	char		**class_choices;
	char		**class_help;
	char		**version_choices;
	char		**version_help;
	int		  version_open;	/* suggestions, not a closed set */
	char		**ns_choices;	/* namespaces the user may create in */
	char		**ns_help;
	char		**fd_choices;
	char		**fd_help;
	char		**secret_choices;	/* the namespace's Secrets */
	char		**secret_help;		/* the cloud of each */
	char		**taken;
	cJSON		*pins;		/* the ConfigMap scs-pins, or NULL */
	cJSON		*schema;	/* another kind: its openAPIV3Schema
					   (NULL: a Cluster) */
	char		*kind;		/* and its kind */
	int		 v1beta1;
	int		 editing;
	cJSON		*undo[UNDO_MAX];
	int		 nundo;

	struct scs_frow	*rows;
	struct loc	*locs;
	size_t		 nrows, cap;
	int		 stale;
	struct ferr	*errs;
	size_t		 nerrs;
};

static void	rebuild(struct scs_cform *);
static cJSON	*new_value(const cJSON *);
static void	apply_pins(struct scs_cform *);
static cJSON	*var_entry(cJSON *, const char *);

/* --- small helpers ------------------------------------------------------ */

static cJSON *
path_obj(cJSON *o, const char *path, int create)
{
	char	*copy = scs_xstrdup(path), *p, *dot;
	cJSON	*c = o, *n;

	for (p = copy; c != NULL && p != NULL; p = dot) {
		if ((dot = strchr(p, '.')) != NULL)
			*dot++ = '\0';
		n = J(c, p);
		if (n == NULL && create) {
			n = cJSON_CreateObject();
			cJSON_AddItemToObject(c, p, n);
		}
		c = n;
	}
	free(copy);
	return (c);
}

static const char *
str_at(const cJSON *o, const char *path)
{
	return (cJSON_GetStringValue(scs_jpath(o, path)));
}

static void
set_item(cJSON *parent, const char *key, cJSON *v)
{
	if (J(parent, key) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(parent, key, v);
	else
		cJSON_AddItemToObject(parent, key, v);
}

/* The spec's schema of another kind's form (NULL: none). */
static const cJSON *
kind_spec(const struct scs_cform *f)
{
	return (J(J(f->schema, "properties"), "spec"));
}

static const char *
topo_class_key(const struct scs_cform *f)
{
	return (f->v1beta1 ? "spec.topology.class" :
	    "spec.topology.classRef.name");
}

/* --- construction --------------------------------------------------------- */

struct scs_cform *
scs_cform_new(const char *ns, const cJSON *cluster, int v1beta1)
{
	struct scs_cform	*f = scs_xcalloc(1, sizeof *f);
	cJSON			*md;

	f->v1beta1 = v1beta1;
	if (cluster != NULL) {
		f->obj = cJSON_Duplicate(cluster, 1);
		f->editing = 1;
		/* Server-owned parts are not the form's business. */
		cJSON_DeleteItemFromObjectCaseSensitive(f->obj, "status");
		cJSON_DeleteItemFromObjectCaseSensitive(J(f->obj, "metadata"),
		    "managedFields");
	} else {
		f->obj = cJSON_CreateObject();
		cJSON_AddStringToObject(f->obj, "apiVersion", v1beta1 ?
		    "cluster.x-k8s.io/v1beta1" : "cluster.x-k8s.io/v1beta2");
		cJSON_AddStringToObject(f->obj, "kind", "Cluster");
		cJSON_AddStringToObject(path_obj(f->obj, "metadata", 1),
		    "namespace", ns != NULL ? ns : "default");
		cJSON_AddStringToObject(path_obj(f->obj, "metadata", 1),
		    "name", "");
		cJSON_AddNumberToObject(path_obj(f->obj,
		    "spec.topology.controlPlane", 1), "replicas", 3);
		md = cJSON_CreateObject();
		cJSON_AddStringToObject(md, "name", "md-0");
		cJSON_AddStringToObject(md, "class", "default-worker");
		cJSON_AddNumberToObject(md, "replicas", 3);
		cJSON_AddItemToObject(path_obj(f->obj, "spec.topology.workers",
		    1), "machineDeployments", cJSON_CreateArray());
		cJSON_AddItemToArray(path_obj(f->obj, MDS, 0), md);
	}
	f->base = cJSON_Duplicate(f->obj, 1);
	f->mark = cJSON_Duplicate(f->obj, 1);
	f->stale = 1;
	return (f);
}

struct scs_cform *
scs_cform_new_kind(const char *ns, const char *api_version, const char *kind,
    const cJSON *schema, const cJSON *from)
{
	struct scs_cform	*f = scs_xcalloc(1, sizeof *f);
	cJSON			*md;

	f->kind = scs_xstrdup(kind);
	f->schema = schema != NULL ? cJSON_Duplicate(schema, 1) : NULL;
	if (from != NULL) {
		f->obj = cJSON_Duplicate(from, 1);
		cJSON_DeleteItemFromObjectCaseSensitive(f->obj, "status");
	} else {
		f->obj = cJSON_CreateObject();
		cJSON_AddStringToObject(f->obj, "apiVersion", api_version);
		cJSON_AddStringToObject(f->obj, "kind", kind);
		md = path_obj(f->obj, "metadata", 1);
		cJSON_AddStringToObject(md, "name", "");
		cJSON_AddStringToObject(md, "namespace", ns != NULL ? ns :
		    "default");
		/* What the server would default, shown from the start. */
		cJSON_AddItemToObject(f->obj, "spec", scs_schema_initial(
		    kind_spec(f)));
		if (!cJSON_IsObject(J(f->obj, "spec")))
			set_item(f->obj, "spec", cJSON_CreateObject());
	}
	f->base = cJSON_Duplicate(f->obj, 1);
	f->mark = cJSON_Duplicate(from != NULL ? from : f->obj, 1);
	f->stale = 1;
	return (f);
}

const char *
scs_cform_kind(const struct scs_cform *f)
{
	return (f->kind);
}

struct scs_cform *
scs_cform_clone(const char *ns, const cJSON *source, int v1beta1)
{
	struct scs_cform	*f = scs_cform_new(ns, NULL, v1beta1);
	cJSON			*spec, *topo, *md;
	static const char *const owned[] = { "controlPlaneEndpoint",
	    "infrastructureRef", "controlPlaneRef", "paused",
	    "availabilityGates", NULL };
	size_t			 i;

	spec = cJSON_Duplicate(J(source, "spec"), 1);
	if (!cJSON_IsObject(spec) || !cJSON_IsObject(J(spec, "topology"))) {
		cJSON_Delete(spec);
		return (f);
	}
	/* What controllers fill in is theirs to fill in again. */
	for (i = 0; owned[i] != NULL; i++)
		cJSON_DeleteItemFromObjectCaseSensitive(spec, owned[i]);
	topo = J(spec, "topology");
	/* The class is looked up in the new namespace. */
	cJSON_DeleteItemFromObjectCaseSensitive(J(topo, "classRef"),
	    "namespace");
	cJSON_DeleteItemFromObjectCaseSensitive(topo, "classNamespace");
	/* Shapes differ between the API versions: the class reference. */
	if (v1beta1 && J(topo, "classRef") != NULL) {
		set_item(topo, "class", cJSON_Duplicate(J(J(topo, "classRef"),
		    "name"), 1));
		cJSON_DeleteItemFromObjectCaseSensitive(topo, "classRef");
	} else if (!v1beta1 && J(topo, "class") != NULL) {
		set_item(path_obj(topo, "classRef", 1), "name",
		    cJSON_Duplicate(J(topo, "class"), 1));
		cJSON_DeleteItemFromObjectCaseSensitive(topo, "class");
	}
	cJSON_ArrayForEach(md, scs_jpath(topo, "workers.machineDeployments"))
		cJSON_DeleteItemFromObjectCaseSensitive(md, "metadata");
	set_item(f->obj, "spec", spec);
	cJSON_Delete(f->base);
	f->base = cJSON_Duplicate(f->obj, 1);
	cJSON_Delete(f->mark);
	f->mark = cJSON_Duplicate(f->obj, 1);
	f->stale = 1;
	return (f);
}

static void
errs_clear(struct scs_cform *f)
{
	size_t	 i;

	for (i = 0; i < f->nerrs; i++) {
		free(f->errs[i].path);
		free(f->errs[i].message);
	}
	free(f->errs);
	f->errs = NULL;
	f->nerrs = 0;
}

static void
rows_clear(struct scs_cform *f)
{
	size_t	 i;

	for (i = 0; i < f->nrows; i++) {
		free(f->rows[i].label);
		free(f->rows[i].path);
		free(f->rows[i].text);
		free(f->rows[i].help);
		free(f->rows[i].error);
		free(f->rows[i].name);
		free(f->rows[i].fixed_why);
		scs_strv_free(f->rows[i].choices);
		scs_strv_free(f->rows[i].choice_help);
		free((char *)f->locs[i].key);
	}
	f->nrows = 0;
}

void
scs_cform_free(struct scs_cform *f)
{
	int	 i;

	if (f == NULL)
		return;
	rows_clear(f);
	free(f->rows);
	free(f->locs);
	errs_clear(f);
	for (i = 0; i < f->nundo; i++)
		cJSON_Delete(f->undo[i]);
	cJSON_Delete(f->obj);
	cJSON_Delete(f->base);
	cJSON_Delete(f->mark);
	cJSON_Delete(f->cls);
	cJSON_Delete(f->defs);
	scs_strv_free(f->class_choices);
	scs_strv_free(f->class_help);
	scs_strv_free(f->version_choices);
	scs_strv_free(f->version_help);
	scs_strv_free(f->fd_choices);
	scs_strv_free(f->fd_help);
	scs_strv_free(f->ns_choices);
	scs_strv_free(f->ns_help);
	scs_strv_free(f->secret_choices);
	scs_strv_free(f->secret_help);
	scs_strv_free(f->taken);
	cJSON_Delete(f->pins);
	cJSON_Delete(f->schema);
	free(f->kind);
	free(f);
}

int
scs_cform_editing(const struct scs_cform *f)
{
	return (f->editing);
}

const char *
scs_cform_namespace(const struct scs_cform *f)
{
	return (str_at(f->obj, "metadata.namespace"));
}

const char *
scs_cform_class_name(const struct scs_cform *f)
{
	return (str_at(f->obj, topo_class_key(f)));
}

static void
set_class_ref(struct scs_cform *f, const char *name)
{
	cJSON	*topo = path_obj(f->obj, "spec.topology", 1);

	if (f->v1beta1)
		set_item(topo, "class", cJSON_CreateString(name));
	else
		set_item(path_obj(f->obj, "spec.topology.classRef", 1), "name",
		    cJSON_CreateString(name));
}

static void
drop_unknown(const cJSON *defs, const cJSON *list)
{
	cJSON		*e, *next;
	const cJSON	*d;
	int		 known;

	if (cJSON_GetArraySize(defs) == 0)
		return;
	for (e = list != NULL ? list->child : NULL; e != NULL; e = next) {
		next = e->next;
		known = 0;
		cJSON_ArrayForEach(d, defs)
			known |= scs_streq(cJSON_GetStringValue(J(d, "name")),
			    cJSON_GetStringValue(J(e, "name")));
		if (!known)
			cJSON_Delete(cJSON_DetachItemViaPointer((cJSON *)list,
			    e));
	}
}

void
scs_cform_set_class(struct scs_cform *f, const cJSON *cls)
{
	cJSON		*vars, *topo, *md;
	const cJSON	*w;
	const char	*name;

	cJSON_Delete(f->cls);
	cJSON_Delete(f->defs);
	f->cls = cls != NULL ? cJSON_Duplicate(cls, 1) : NULL;
	f->defs = cls != NULL ? scs_schema_definitions(cls, NULL) : NULL;
	f->stale = 1;
	if (cls == NULL)
		return;
	if ((name = str_at(cls, "metadata.name")) != NULL &&
	    !scs_streq(scs_cform_class_name(f), name))
		set_class_ref(f, name);
	/* Defaults prefilled, as the server would fill them. */
	topo = path_obj(f->obj, "spec.topology", 1);
	if ((vars = J(topo, "variables")) == NULL) {
		vars = cJSON_CreateArray();
		cJSON_AddItemToObject(topo, "variables", vars);
	}
	/* Values of variables the class does not define (left from another
	 * class) would be refused: they go. */
	drop_unknown(f->defs, vars);
	cJSON_ArrayForEach(md, path_obj(f->obj, MDS, 0))
		drop_unknown(f->defs, scs_jpath(md, "variables.overrides"));
	scs_schema_default(f->defs, vars);
	/* New MachineDeployments use the class's first worker class. */
	w = cJSON_GetArrayItem(scs_jpath(cls,
	    "spec.workers.machineDeployments"), 0);
	if (!f->editing && cJSON_GetStringValue(J(w, "class")) != NULL) {
		cJSON_ArrayForEach(md, path_obj(f->obj, MDS, 0))
			set_item(md, "class", cJSON_CreateString(
			    cJSON_GetStringValue(J(w, "class"))));
	}
	apply_pins(f);
}

/* --- pins ------------------------------------------------------------ */

static const cJSON *
def_schema(const struct scs_cform *f, const char *name)
{
	const cJSON	*d;

	cJSON_ArrayForEach(d, f->defs) {
		if (scs_streq(cJSON_GetStringValue(J(d, "name")), name))
			return (scs_jpath(d, "schema.openAPIV3Schema"));
	}
	return (NULL);
}

/* The provider's pins into the object: the version, each pinned
 * variable the class has (MachineDeployment overrides of it go: they
 * would change it). */
static void
apply_pins(struct scs_cform *f)
{
	struct scs_pin	 p;
	const cJSON	*s;
	cJSON		*vars, *e, *md, *ovr;
	const char	*ver;
	size_t		 i;
	int		 k;

	if (f->pins == NULL)
		return;
	if ((ver = scs_pins_version(f->pins)) != NULL)
		set_item(path_obj(f->obj, "spec.topology", 1), "version",
		    cJSON_CreateString(ver));
	for (i = 0; scs_pins_at(f->pins, i, &p) == 0; i++) {
		if (p.variable == NULL ||
		    (s = def_schema(f, p.variable)) == NULL)
			continue;
		if ((vars = path_obj(f->obj, VARS, 0)) == NULL) {
			vars = cJSON_CreateArray();
			cJSON_AddItemToObject(path_obj(f->obj, "spec.topology",
			    1), "variables", vars);
		}
		if ((e = var_entry(vars, p.variable)) == NULL) {
			e = cJSON_CreateObject();
			cJSON_AddStringToObject(e, "name", p.variable);
			cJSON_AddItemToArray(vars, e);
		}
		set_item(e, "value", scs_pins_value(s, p.value));
		cJSON_ArrayForEach(md, path_obj(f->obj, MDS, 0)) {
			ovr = J(J(md, "variables"), "overrides");
			for (k = cJSON_GetArraySize(ovr) - 1; k >= 0; k--) {
				if (scs_streq(cJSON_GetStringValue(J(
				    cJSON_GetArrayItem(ovr, k), "name")),
				    p.variable))
					cJSON_DeleteItemFromArray(ovr, k);
			}
		}
	}
	f->stale = 1;
}

void
scs_cform_set_pins(struct scs_cform *f, const cJSON *configmap)
{
	cJSON_Delete(f->pins);
	f->pins = configmap != NULL ? cJSON_Duplicate(configmap, 1) : NULL;
	apply_pins(f);
	f->stale = 1;
}

/* Is row (a variable's value or the version) pinned? Its pin text. */
static const char *
row_pin(const struct scs_cform *f, const char *path)
{
	const char	*name, *end;
	char		*n;
	const char	*v;

	if (f->pins == NULL)
		return (NULL);
	if (strcmp(path, "spec.topology.version") == 0)
		return (scs_pins_version(f->pins));
	if (!scs_strprefix(path, VARS "[") || !scs_strsuffix(path, "].value"))
		return (NULL);
	name = path + strlen(VARS "[");
	end = path + strlen(path) - strlen("].value");
	if (end <= name)
		return (NULL);
	n = scs_xstrndup(name, (size_t)(end - name));
	v = def_schema(f, n) != NULL ? scs_pins_variable(f->pins, n) : NULL;
	free(n);
	return (v);
}

static char ***
choice_list(struct scs_cform *f, const char *what, int help)
{
	if (strcmp(what, "class") == 0)
		return (help ? &f->class_help : &f->class_choices);
	if (strcmp(what, "failureDomain") == 0)
		return (help ? &f->fd_help : &f->fd_choices);
	if (strcmp(what, "secret") == 0)
		return (help ? &f->secret_help : &f->secret_choices);
	if (strcmp(what, "namespace") == 0)
		return (help ? &f->ns_help : &f->ns_choices);
	return (help ? &f->version_help : &f->version_choices);
}

/* A copy of the first n entries of v (NULL entries become ""). */
static char **
strv_dup_n(const char *const *v, size_t n)
{
	char	**c = scs_xcalloc(n + 1, sizeof *c);
	size_t	  i;

	for (i = 0; i < n; i++)
		c[i] = scs_xstrdup(v[i] != NULL ? v[i] : "");
	return (c);
}

static size_t
strv_len(char *const *v)
{
	size_t	 n = 0;

	while (v != NULL && v[n] != NULL)
		n++;
	return (n);
}

void
scs_cform_set_choices(struct scs_cform *f, const char *what,
    const char *const *choices)
{
	char	***v = choice_list(f, what, 0);

	if (strncmp(what, "version", 7) == 0)
		f->version_open = strcmp(what, "version-suggest") == 0;
	scs_strv_free(*v);
	*v = choices != NULL && choices[0] != NULL ? scs_strv_dup(choices) :
	    NULL;
	f->stale = 1;
}

void
scs_cform_set_choice_help(struct scs_cform *f, const char *what,
    const char *const *help)
{
	char	***h = choice_list(f, what, 1);
	size_t	   n = strv_len(*choice_list(f, what, 0));

	scs_strv_free(*h);
	*h = help != NULL ? strv_dup_n(help, n) : NULL;
	f->stale = 1;
}

void
scs_cform_set_taken(struct scs_cform *f, const char *const *names)
{
	scs_strv_free(f->taken);
	f->taken = names != NULL ? scs_strv_dup(names) : NULL;
}

/* --- undo ---------------------------------------------------------------- */

static void
snapshot(struct scs_cform *f)
{
	if (f->nundo == UNDO_MAX) {
		cJSON_Delete(f->undo[0]);
		memmove(f->undo, f->undo + 1, (UNDO_MAX - 1) *
		    sizeof *f->undo);
		f->nundo--;
	}
	f->undo[f->nundo++] = cJSON_Duplicate(f->obj, 1);
}

int
scs_cform_undo(struct scs_cform *f)
{
	if (f->nundo == 0)
		return (-1);
	cJSON_Delete(f->obj);
	f->obj = f->undo[--f->nundo];
	f->stale = 1;
	return (0);
}

int
scs_cform_changed(const struct scs_cform *f)
{
	return (!cJSON_Compare(f->obj, f->mark, 1));
}

void
scs_cform_mark(struct scs_cform *f)
{
	cJSON_Delete(f->mark);
	f->mark = cJSON_Duplicate(f->obj, 1);
}

/* --- rows ---------------------------------------------------------------- */

/* How messages name a row: "md-1 replicas", "oidcConfig.issuerURL",
 * "dnsNameservers[0]"; the label elsewhere. */
static char *
row_name(const char *path, const char *label)
{
	const char	*p, *q, *rest;
	struct scs_buf	 b;
	size_t		 o = strcspn(path, "[");

	/* The list before the first '[': machine deployments, variables. */
	if (path[o] != '[')
		return (scs_xstrdup(label));
	p = path + o + 1;
	if ((q = strchr(p, ']')) == NULL)
		return (scs_xstrdup(label));
	if (o == strlen(MDS) && strncmp(path, MDS, o) == 0 && q[1] == '.')
		return (scs_xprintf("%.*s %s", (int)(q - p), p, label));
	if (o != strlen(VARS) || strncmp(path, VARS, o) != 0 ||
	    strncmp(q, "].value", 7) != 0)
		return (scs_xstrdup(label));
	scs_buf_init(&b, 0);
	scs_buf_add(&b, p, (size_t)(q - p));
	for (rest = q + 7; *rest != '\0'; rest++) {
		/* ".[0]" is CAPI's item of a root array: "[0]". */
		if (rest[0] == '.' && rest[1] == '[')
			continue;
		scs_buf_addc(&b, *rest);
	}
	return (scs_buf_steal(&b));
}

static struct scs_frow *
row_add(struct scs_cform *f, enum scs_frow_kind kind, int depth,
    const char *label, const char *path, struct loc *loc)
{
	struct scs_frow	*r;

	if (f->nrows == f->cap) {
		f->cap = f->cap == 0 ? 64 : f->cap * 2;
		f->rows = scs_xreallocarray(f->rows, f->cap, sizeof *f->rows);
		f->locs = scs_xreallocarray(f->locs, f->cap, sizeof *f->locs);
	}
	r = &f->rows[f->nrows];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->depth = depth;
	r->label = scs_xstrdup(label);
	r->path = scs_xstrdup(path);
	r->name = row_name(r->path, label);
	r->text = scs_xstrdup("");
	memset(&f->locs[f->nrows], 0, sizeof f->locs[f->nrows]);
	if (loc != NULL) {
		f->locs[f->nrows] = *loc;
		f->locs[f->nrows].key = loc->key != NULL ?
		    scs_xstrdup(loc->key) : NULL;
	}
	f->nrows++;
	return (r);
}

static void
row_text(struct scs_frow *r, const cJSON *v)
{
	free(r->text);
	r->unset = v == NULL;
	if (v == NULL)
		r->text = scs_xstrdup("");
	else if (cJSON_IsString(v))
		r->text = scs_xstrdup(v->valuestring);
	else if (cJSON_IsBool(v))
		r->text = scs_xstrdup(cJSON_IsTrue(v) ? "true" : "false");
	else {
		r->text = cJSON_PrintUnformatted(v);
		if (r->text == NULL)
			r->text = scs_xstrdup("");
	}
}

static void
buf_sep(struct scs_buf *b)
{
	/* After a sentence (a description), no semicolon. */
	if (b->len != 0)
		scs_buf_adds(b, b->data[b->len - 1] == '.' ? " " : "; ");
}

/* Description and constraints of a schema, for the focused field. */
static char *
help_text(const cJSON *s)
{
	struct scs_buf	 b;
	const cJSON	*x;
	char		*t;
	const char	*d;

	scs_buf_init(&b, 0);
	if ((d = cJSON_GetStringValue(J(s, "description"))) != NULL)
		scs_buf_printf(&b, "%s", d);
	if ((d = cJSON_GetStringValue(J(s, "type"))) != NULL) {
		buf_sep(&b);
		scs_buf_printf(&b, "%s", d);
	}
	/* Bounds, lengths, pattern, format, ...: as the schema engine
	 * words them. */
	if ((t = scs_schema_constraints(s)) != NULL) {
		buf_sep(&b);
		scs_buf_printf(&b, "%s", t);
		free(t);
	}
	if ((x = J(s, "default")) != NULL) {
		t = cJSON_PrintUnformatted(x);
		buf_sep(&b);
		scs_buf_printf(&b, "default %s", t != NULL ? t : "");
		free(t);
	}
	if ((x = J(s, "example")) != NULL) {
		t = cJSON_PrintUnformatted(x);
		buf_sep(&b);
		scs_buf_printf(&b, "example %s", t != NULL ? t : "");
		free(t);
	}
	cJSON_ArrayForEach(x, J(s, "x-kubernetes-validations")) {
		buf_sep(&b);
		scs_buf_printf(&b, "rule %s%s%s%s (checked by the server)",
		    cJSON_GetStringValue(J(x, "rule")) != NULL ?
		    cJSON_GetStringValue(J(x, "rule")) : "?",
		    cJSON_GetStringValue(J(x, "message")) != NULL ? ": \"" : "",
		    cJSON_GetStringValue(J(x, "message")) != NULL ?
		    cJSON_GetStringValue(J(x, "message")) : "",
		    cJSON_GetStringValue(J(x, "message")) != NULL ? "\"" : "");
	}
	return (b.data != NULL ? scs_buf_steal(&b) : scs_xstrdup(""));
}

static int
schema_is(const cJSON *s, const char *type)
{
	return (scs_streq(cJSON_GetStringValue(J(s, "type")), type));
}

/* Rows the form cannot break down: edited as JSON. */
static int
schema_opaque(const cJSON *s)
{
	if (J(s, "oneOf") != NULL || J(s, "anyOf") != NULL ||
	    J(s, "allOf") != NULL || J(s, "not") != NULL)
		return (1);
	if (schema_is(s, "object") && J(s, "properties") == NULL &&
	    !cJSON_IsObject(J(s, "additionalProperties")))
		return (1);
	return (J(s, "type") == NULL && !cJSON_IsTrue(J(s,
	    "x-kubernetes-int-or-string")));
}

static int
in_required(const cJSON *s, const char *name)
{
	const cJSON	*r;

	cJSON_ArrayForEach(r, J(s, "required")) {
		if (scs_streq(cJSON_GetStringValue(r), name))
			return (1);
	}
	return (0);
}

static void	value_rows(struct scs_cform *, const cJSON *schema, cJSON *v,
		    struct loc *, const char *label, const char *path,
		    int depth, int required);

static void
container_rows(struct scs_cform *f, const cJSON *s, cJSON *v,
    const char *path, int depth)
{
	const cJSON	*p, *items, *ap;
	cJSON		*c;
	char		*sub, lab[64];
	struct loc	 l;
	int		 i = 0;

	if (schema_is(s, "array")) {
		items = J(s, "items");
		cJSON_ArrayForEach(c, v) {
			snprintf(lab, sizeof lab, "[%d]", i);
			/* CAPI writes items of a variable's own array as
			 * "value.[i]", deeper ones as "x[i]". */
			sub = scs_xprintf(strlen(path) > 6 && strcmp(path +
			    strlen(path) - 6, ".value") == 0 ? "%s.[%d]" :
			    "%s[%d]", path, i);
			memset(&l, 0, sizeof l);
			l.type = LOC_INDEX;
			l.parent = v;
			l.index = i;
			l.schema = items;
			l.optional = 1;
			value_rows(f, items, c, &l, lab, sub, depth, 0);
			f->rows[f->nrows - 1 - 0].removable = 1;
			free(sub);
			i++;
		}
		memset(&l, 0, sizeof l);
		l.type = LOC_ADD_ITEM;
		l.parent = v;
		l.schema = items;
		row_add(f, SCS_FROW_ADD, depth, "+ add item", path, &l);
		return;
	}
	cJSON_ArrayForEach(p, J(s, "properties")) {
		sub = scs_xprintf("%s.%s", path, p->string);
		memset(&l, 0, sizeof l);
		l.type = LOC_KEY;
		l.parent = v;
		l.key = p->string;
		l.schema = p;
		l.optional = !in_required(s, p->string);
		value_rows(f, p, J(v, p->string), &l, p->string, sub, depth,
		    in_required(s, p->string));
		free(sub);
	}
	if (cJSON_IsObject(ap = J(s, "additionalProperties"))) {
		cJSON_ArrayForEach(c, v) {
			if (J(J(s, "properties"), c->string) != NULL)
				continue;
			sub = scs_xprintf("%s.%s", path, c->string);
			memset(&l, 0, sizeof l);
			l.type = LOC_KEY;
			l.parent = v;
			l.key = c->string;
			l.schema = ap;
			l.optional = 1;
			value_rows(f, ap, c, &l, c->string, sub, depth, 0);
			f->rows[f->nrows - 1].removable = 1;
			free(sub);
		}
		memset(&l, 0, sizeof l);
		l.type = LOC_ADD_KEY;
		l.parent = v;
		l.schema = ap;
		row_add(f, SCS_FROW_ADD, depth, "+ add key", path, &l);
	}
}

static void
value_rows(struct scs_cform *f, const cJSON *s, cJSON *v, struct loc *l,
    const char *label, const char *path, int depth, int required)
{
	struct scs_frow	*r;
	const cJSON	*e;
	size_t		 n, i;
	enum scs_frow_kind kind;
	size_t		 head;

	if (cJSON_IsArray(J(s, "enum")))
		kind = SCS_FROW_CHOICE;
	else if (schema_opaque(s))
		kind = SCS_FROW_JSON;
	else if (cJSON_IsTrue(J(s, "x-kubernetes-int-or-string")) ||
	    schema_is(s, "string"))
		kind = SCS_FROW_STRING;
	else if (schema_is(s, "integer"))
		kind = SCS_FROW_INTEGER;
	else if (schema_is(s, "number"))
		kind = SCS_FROW_NUMBER;
	else if (schema_is(s, "boolean"))
		kind = SCS_FROW_BOOL;
	else
		kind = SCS_FROW_HEAD;
	head = f->nrows;
	r = row_add(f, kind, depth, label, path, l);
	r->required = required;
	r->help = help_text(s);
	row_text(r, v);
	if (kind == SCS_FROW_HEAD) {
		free(r->text);
		r->text = scs_xstrdup("");
	}
	r->is_default = scs_schema_is_default(s, v);
	r->optional = v != NULL && l != NULL && l->optional &&
	    (l->type == LOC_KEY || l->type == LOC_INDEX);
	/* Unset where the server fills in a default (a property of an
	 * object that exists, a variable): shown as that default. */
	if (v == NULL && J(s, "default") != NULL && l != NULL &&
	    (l->type == LOC_VAR || (l->type == LOC_KEY && l->parent !=
	    NULL))) {
		row_text(r, J(s, "default"));
		r->unset = 1;
		r->is_default = 1;
	}
	if (kind == SCS_FROW_BOOL) {
		static const char *const tf[] = { "true", "false", NULL };

		r->choices = scs_strv_dup(tf);
	}
	if (kind == SCS_FROW_CHOICE) {
		n = (size_t)cJSON_GetArraySize(J(s, "enum"));
		r->choices = scs_xcalloc(n + 1, sizeof *r->choices);
		i = 0;
		cJSON_ArrayForEach(e, J(s, "enum")) {
			r->choices[i++] = cJSON_IsString(e) ?
			    scs_xstrdup(e->valuestring) :
			    cJSON_PrintUnformatted(e);
		}
	}
	if (kind == SCS_FROW_HEAD && v != NULL)
		container_rows(f, s, v, path, depth + 1);
	(void)head;
}

/*
 * The class's worker classes: 1 when it has some. With r, they become
 * r's choices, each described by its templates.
 */
static int
worker_classes(const struct scs_cform *f, struct scs_frow **r)
{
	const cJSON	*w, *all = scs_jpath(f->cls,
			    "spec.workers.machineDeployments");
	size_t		 n = (size_t)cJSON_GetArraySize(all), i = 0;
	const char	*c, *infra, *boot;

	if (n == 0)
		return (0);
	if (r == NULL || *r == NULL)
		return (1);
	scs_strv_free((*r)->choices);
	scs_strv_free((*r)->choice_help);
	(*r)->choices = scs_xcalloc(n + 1, sizeof (char *));
	(*r)->choice_help = scs_xcalloc(n + 1, sizeof (char *));
	cJSON_ArrayForEach(w, all) {
		if ((c = cJSON_GetStringValue(J(w, "class"))) == NULL)
			continue;
		infra = cJSON_GetStringValue(scs_jpath(w, "template."
		    "infrastructure.ref.name")) != NULL ?
		    cJSON_GetStringValue(scs_jpath(w, "template.infrastructure."
		    "ref.name")) : cJSON_GetStringValue(scs_jpath(w,
		    "infrastructure.templateRef.name"));
		boot = cJSON_GetStringValue(scs_jpath(w, "template.bootstrap."
		    "ref.name")) != NULL ? cJSON_GetStringValue(scs_jpath(w,
		    "template.bootstrap.ref.name")) : cJSON_GetStringValue(
		    scs_jpath(w, "bootstrap.templateRef.name"));
		(*r)->choices[i] = scs_xstrdup(c);
		(*r)->choice_help[i++] = infra != NULL || boot != NULL ?
		    scs_xprintf("machines from %s%s%s", infra != NULL ? infra :
		    "", infra != NULL && boot != NULL ? ", bootstrap " : "",
		    boot != NULL ? boot : "") : scs_xstrdup("a worker class of "
		    "the ClusterClass");
	}
	return (1);
}

/* The head, namespace (fixed, why) and name rows of the object; the
 * name row is returned. */
static struct scs_frow *
meta_rows(struct scs_cform *f, const char *head, char *ns_why)
{
	struct scs_frow	*r;
	struct loc	 l;

	row_add(f, SCS_FROW_HEAD, 0, head, "", NULL);
	r = row_add(f, SCS_FROW_STRING, 1, "namespace", "metadata.namespace",
	    NULL);
	row_text(r, scs_jpath(f->obj, "metadata.namespace"));
	if (!f->editing && f->ns_choices != NULL) {
		/* A new object: the namespaces the user may create it in. */
		free(ns_why);
		r->kind = SCS_FROW_CHOICE;
		r->required = 1;
		r->choices = scs_strv_dup((const char *const *)f->ns_choices);
		r->choice_help = scs_strv_dup((const char *const *)f->ns_help);
		r->help = scs_xstrdup("where it is created: the namespaces in "
		    "which the server lets you create it (asked for each)");
	} else {
		r->fixed = 1;
		r->fixed_why = ns_why;
	}
	memset(&l, 0, sizeof l);
	l.type = LOC_KEY;
	l.parent = path_obj(f->obj, "metadata", 1);
	l.key = "name";
	r = row_add(f, SCS_FROW_STRING, 1, "name", "metadata.name", &l);
	row_text(r, scs_jpath(f->obj, "metadata.name"));
	r->required = 1;
	return (r);
}

static void
general_rows(struct scs_cform *f)
{
	struct scs_frow	*r;
	struct loc	 l;
	cJSON		*md;
	char		*p, name[128];
	int		 i = 0;
	const cJSON	*cp;

	r = meta_rows(f, "Cluster", scs_xstrdup(f->editing ? "an existing "
	    "cluster stays in its namespace (Kubernetes cannot move an "
	    "object)" : "the namespace the form was opened in (the server has "
	    "not said where else you may create clusters)"));
	r->fixed = f->editing;
	if (f->editing)
		r->fixed_why = scs_xstrdup("the name of an existing cluster "
		    "cannot change (it is the object's key): clone it to use "
		    "another name");
	r->help = scs_xstrdup("lower case letters, digits and '-', starting "
	    "with a letter, at most 63 characters (it names DNS and cloud "
	    "resources)");

	r = row_add(f, SCS_FROW_CHOICE, 1, "class", topo_class_key(f), NULL);
	row_text(r, scs_jpath(f->obj, topo_class_key(f)));
	r->required = 1;
	r->choices = scs_strv_dup((const char *const *)f->class_choices);
	r->choice_help = scs_strv_dup((const char *const *)f->class_help);
	/* Cluster-stacks wording only where a release describes the class
	 * (the version is a closed set then). */
	r->help = scs_xstrdup(f->version_open ? (f->editing ? "the "
	    "ClusterClass: another class of the namespace rebases the "
	    "cluster onto it (the server checks that it fits)" : "the "
	    "ClusterClass the cluster is built from") : f->editing ? "an "
	    "upgrade: only the classes the cluster-stacks rules allow (same "
	    "provider and stack, newer stack version or the next Kubernetes "
	    "minor)" : "the ClusterClass: provider, stack, Kubernetes minor, "
	    "stack version");
	r = row_add(f, f->version_open ? SCS_FROW_STRING : SCS_FROW_CHOICE, 1,
	    "version", "spec.topology.version", NULL);
	row_text(r, scs_jpath(f->obj, "spec.topology.version"));
	r->required = 1;
	r->choices = scs_strv_dup((const char *const *)f->version_choices);
	r->choice_help = scs_strv_dup((const char *const *)f->version_help);
	r->help = scs_xstrdup(f->version_open ? "Kubernetes vMAJOR.MINOR."
	    "PATCH, any: suggested are the latest patches of supported "
	    "minors, then the class's clusters' versions" : "the Kubernetes "
	    "version: those the class's cluster stack release offers");
	memset(&l, 0, sizeof l);
	l.type = LOC_KEY;
	l.parent = path_obj(f->obj, "spec.topology.controlPlane", 1);
	l.key = "replicas";
	cp = scs_jpath(f->obj, "spec.topology.controlPlane.replicas");
	r = row_add(f, SCS_FROW_INTEGER, 1, "control plane replicas",
	    "spec.topology.controlPlane.replicas", &l);
	row_text(r, cp);
	r->help = scs_xstrdup("1, 3 or 5: an odd number keeps etcd's quorum");

	row_add(f, SCS_FROW_HEAD, 0, "Workers", MDS, NULL);
	cJSON_ArrayForEach(md, path_obj(f->obj, MDS, 0)) {
		const char	*mdname = cJSON_GetStringValue(J(md, "name"));
		cJSON		*ovr;
		const cJSON	*ov;
		const char	*vn;

		snprintf(name, sizeof name, "%s", mdname != NULL ? mdname :
		    "?");
		memset(&l, 0, sizeof l);
		l.type = LOC_MD;
		l.parent = path_obj(f->obj, MDS, 0);
		l.index = i;
		p = scs_xprintf(MDS "[%s]", name);
		r = row_add(f, SCS_FROW_HEAD, 1, name, p, &l);
		r->removable = 1;
		free(p);
#define MD_FIELD(k, fk, lab, hlp) do {					\
		memset(&l, 0, sizeof l);					\
		l.type = LOC_KEY;						\
		l.parent = md;							\
		l.key = fk;							\
		p = scs_xprintf(MDS "[%s].%s", name, fk);			\
		r = row_add(f, k, 2, lab, p, &l);				\
		free(p);							\
		row_text(r, J(md, fk));						\
		r->help = scs_xstrdup(hlp);					\
	} while (0)
		MD_FIELD(worker_classes(f, NULL) ? SCS_FROW_CHOICE :
		    SCS_FROW_STRING, "class", "class", "the worker class of "
		    "the ClusterClass (its workers.machineDeployments)");
		(void)worker_classes(f, &r);
		MD_FIELD(SCS_FROW_INTEGER, "replicas", "replicas", "number of "
		    "worker machines");
		MD_FIELD(f->fd_choices != NULL ? SCS_FROW_CHOICE :
		    SCS_FROW_STRING, "failureDomain", "failure domain",
		    f->fd_choices != NULL ? "availability zone: those the "
		    "infrastructure reports (D unsets: any)" : "availability "
		    "zone, e.g. nova (optional; none known here)");
		f->locs[f->nrows - 1].optional = 1;
		r->choices = scs_strv_dup((const char *const *)f->fd_choices);
		r->choice_help = scs_strv_dup((const char *const *)f->fd_help);
#undef MD_FIELD
		ovr = J(J(md, "variables"), "overrides");
		cJSON_ArrayForEach(ov, ovr) {
			const cJSON	*def = NULL, *d;

			vn = cJSON_GetStringValue(J(ov, "name"));
			cJSON_ArrayForEach(d, f->defs) {
				if (scs_streq(cJSON_GetStringValue(J(d,
				    "name")), vn))
					def = scs_jpath(d,
					    "schema.openAPIV3Schema");
			}
			memset(&l, 0, sizeof l);
			l.type = LOC_KEY;
			l.parent = (cJSON *)ov;
			l.key = "value";
			l.schema = def;
			l.optional = 1;
			p = scs_xprintf(MDS "[%s].variables.overrides[%s].value",
			    name, vn != NULL ? vn : "");
			value_rows(f, def, J(ov, "value"), &l, vn != NULL ?
			    vn : "?", p, 2, 0);
			f->rows[f->nrows - 1].removable = 1;
			free(p);
		}
		memset(&l, 0, sizeof l);
		l.type = LOC_ADD_VAR;
		l.parent = md;
		p = scs_xprintf(MDS "[%s].variables.overrides", name);
		row_add(f, SCS_FROW_ADD, 2, "+ add variable override", p, &l);
		free(p);
		i++;
	}
	memset(&l, 0, sizeof l);
	l.type = LOC_ADD_MD;
	l.parent = path_obj(f->obj, MDS, 0);
	row_add(f, SCS_FROW_ADD, 1, "+ add MachineDeployment", MDS, &l);
}

/* Another kind: its namespace and name, then spec through the schema. */
static void
kind_rows(struct scs_cform *f)
{
	struct scs_frow	*r;
	cJSON		*spec = path_obj(f->obj, "spec", 1);

	r = meta_rows(f, f->kind, scs_xprintf("the namespace the form was "
	    "opened in (your own: a %s there is yours)", f->kind));
	r->help = scs_xstrdup("lower case letters, digits and '-', starting "
	    "with a letter, at most 63 characters");
	r = row_add(f, SCS_FROW_HEAD, 0, "spec", "spec", NULL);
	r->help = help_text(kind_spec(f));
	if (kind_spec(f) == NULL) {
		free(r->label);
		r->label = scs_xprintf("spec (the server publishes no schema "
		    "for %s)", f->kind);
		return;
	}
	container_rows(f, kind_spec(f), spec, "spec", 1);
}

static cJSON *
var_entry(cJSON *vars, const char *name)
{
	cJSON	*v;

	cJSON_ArrayForEach(v, vars) {
		if (scs_streq(cJSON_GetStringValue(J(v, "name")), name))
			return (v);
	}
	return (NULL);
}

static void
variable_rows(struct scs_cform *f)
{
	const cJSON	*d, *s;
	cJSON		*vars, *e;
	const char	*name;
	char		*path;
	struct loc	 l;

	row_add(f, SCS_FROW_HEAD, 0, f->defs == NULL ? "Variables (choose a "
	    "class)" : "Variables", VARS, NULL);
	vars = path_obj(f->obj, VARS, 0);
	cJSON_ArrayForEach(d, f->defs) {
		name = cJSON_GetStringValue(J(d, "name"));
		if (name == NULL)
			continue;
		s = scs_jpath(d, "schema.openAPIV3Schema");
		e = var_entry(vars, name);
		memset(&l, 0, sizeof l);
		if (e != NULL) {
			l.type = LOC_KEY;
			l.parent = e;
			l.key = "value";
		} else {
			l.type = LOC_VAR;
			l.key = name;
		}
		l.schema = s;
		l.optional = !cJSON_IsTrue(J(d, "required"));
		path = scs_xprintf(VARS "[%s].value", name);
		value_rows(f, s, e != NULL ? J(e, "value") : NULL, &l, name,
		    path, 1, cJSON_IsTrue(J(d, "required")));
		free(path);
	}
}

static void
rebuild(struct scs_cform *f)
{
	size_t	 i, k;

	if (!f->stale)
		return;
	rows_clear(f);
	if (f->kind != NULL)
		kind_rows(f);
	else {
		general_rows(f);
		variable_rows(f);
	}
	/* Fields naming a Secret: the namespace's Secrets to pick from,
	 * each with the cloud it points at. */
	for (i = 0; f->secret_choices != NULL && i < f->nrows; i++) {
		if (f->rows[i].kind != SCS_FROW_STRING ||
		    f->rows[i].choices != NULL ||
		    !scs_names_secret(f->rows[i].path, f->rows[i].help))
			continue;
		f->rows[i].choices = scs_strv_dup((const char *const *)
		    f->secret_choices);
		f->rows[i].choice_help = scs_strv_dup((const char *const *)
		    f->secret_help);
	}
	for (i = 0; i < f->nrows; i++) {
		if (f->rows[i].kind == SCS_FROW_HEAD ||
		    row_pin(f, f->rows[i].path) == NULL)
			continue;
		f->rows[i].fixed = 1;
		f->rows[i].pinned = 1;
		free(f->rows[i].fixed_why);
		f->rows[i].fixed_why = scs_xprintf("pinned by your provider "
		    "(ConfigMap %s in %s)", SCS_PINS_CONFIGMAP,
		    str_at(f->obj, "metadata.namespace") != NULL ?
		    str_at(f->obj, "metadata.namespace") : "");
	}
	for (i = 0; i < f->nrows; i++) {
		for (k = 0; k < f->nerrs; k++) {
			if (strcmp(f->errs[k].path, f->rows[i].path) != 0)
				continue;
			free(f->rows[i].error);
			f->rows[i].error = scs_xstrdup(f->errs[k].message);
		}
	}
	f->stale = 0;
}

size_t
scs_cform_nrows(struct scs_cform *f)
{
	rebuild(f);
	return (f->nrows);
}

const struct scs_frow *
scs_cform_row(struct scs_cform *f, size_t i)
{
	rebuild(f);
	return (i < f->nrows ? &f->rows[i] : NULL);
}

long
scs_cform_find(struct scs_cform *f, const char *path)
{
	size_t	 i;

	rebuild(f);
	for (i = 0; i < f->nrows; i++) {
		if (strcmp(f->rows[i].path, path) == 0 &&
		    f->rows[i].kind != SCS_FROW_ADD)
			return ((long)i);
	}
	return (-1);
}

/* --- changes -------------------------------------------------------------- */

static void
changed(struct scs_cform *f)
{
	errs_clear(f);
	f->stale = 1;
}

/* Put v (owned) where loc says; NULL removes. */
static void
loc_put(struct scs_cform *f, struct loc *l, cJSON *v)
{
	cJSON	*vars, *e;

	switch (l->type) {
	case LOC_KEY:
		if (v == NULL)
			cJSON_DeleteItemFromObjectCaseSensitive(l->parent,
			    l->key);
		else
			set_item(l->parent, l->key, v);
		/* An unset top-level variable leaves the list. */
		if (v == NULL && strcmp(l->key, "value") == 0 &&
		    J(l->parent, "name") != NULL) {
			vars = path_obj(f->obj, VARS, 0);
			cJSON_ArrayForEach(e, vars) {
				if (e == l->parent) {
					cJSON_DetachItemViaPointer(vars, e);
					cJSON_Delete(e);
					break;
				}
			}
		}
		break;
	case LOC_INDEX:
		if (v == NULL)
			cJSON_DeleteItemFromArray(l->parent, l->index);
		else
			cJSON_ReplaceItemInArray(l->parent, l->index, v);
		break;
	case LOC_VAR:
		if (v == NULL)
			break;
		vars = path_obj(f->obj, VARS, 0);
		if (vars == NULL) {
			vars = cJSON_CreateArray();
			cJSON_AddItemToObject(path_obj(f->obj,
			    "spec.topology", 1), "variables", vars);
		}
		e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "name", l->key);
		cJSON_AddItemToObject(e, "value", v);
		cJSON_AddItemToArray(vars, e);
		break;
	default:
		cJSON_Delete(v);
		break;
	}
}

/* "must be one of: a, b, c" (the first few, then how many more). */
static void
one_of(char **cause, char *const *choices)
{
	struct scs_buf	 b;
	size_t		 i;

	scs_buf_init(&b, 0);
	for (i = 0; choices[i] != NULL; i++) {
		if (i == 8) {
			scs_buf_printf(&b, " and %zu more", strv_len(choices) - 8);
			break;
		}
		scs_buf_printf(&b, "%s%s", i > 0 ? ", " : "", choices[i]);
	}
	scs_cause(cause, "must be one of: %s", b.data);
	scs_buf_done(&b);
}

static int
parse_value(const struct scs_frow *r, const struct loc *l, const char *text,
    cJSON **out, char **cause)
{
	char	*end, num[40];
	long	 n;
	double	 d, lim;
	size_t	 i;

	*out = NULL;
	switch (r->kind) {
	case SCS_FROW_STRING:
		if (cJSON_IsTrue(J(l->schema, "x-kubernetes-int-or-string")) &&
		    *text != '\0' && strspn(text, "0123456789") ==
		    strlen(text)) {
			*out = cJSON_CreateNumber(strtod(text, NULL));
			return (0);
		}
		*out = cJSON_CreateString(text);
		return (0);
	case SCS_FROW_INTEGER:
		errno = 0;
		n = strtol(text, &end, 10);
		if (*text == '\0' || *end != '\0' || (errno != 0 &&
		    errno != ERANGE)) {
			scs_cause(cause, "must be a whole number");
			return (-1);
		}
		/* Whole but beyond what the field holds: CAPI's own fields
		 * are int32, variables int64 unless the schema says less. */
		lim = cJSON_IsNumber(J(l->schema, "maximum")) ?
		    J(l->schema, "maximum")->valuedouble : l->schema == NULL ?
		    2147483647.0 : 9223372036854775807.0;
		if (errno == ERANGE || (n > 0 && (double)n > lim) ||
		    (l->schema == NULL && n < -2147483648L)) {
			if (cJSON_IsNumber(J(l->schema, "maximum")))
				core_schema_num(lim, num, sizeof num);
			else
				snprintf(num, sizeof num, "%s", l->schema ==
				    NULL ? "2147483647" :
				    "9223372036854775807");
			if (n < 0)
				scs_cause(cause, "too small: at least %s",
				    l->schema == NULL ? "-2147483648" :
				    "-9223372036854775808");
			else
				scs_cause(cause, "too large: at most %s", num);
			return (-1);
		}
		*out = cJSON_CreateNumber((double)n);
		return (0);
	case SCS_FROW_NUMBER:
		d = strtod(text, &end);
		if (*text == '\0' || *end != '\0' || !isfinite(d)) {
			scs_cause(cause, "must be a number");
			return (-1);
		}
		*out = cJSON_CreateNumber(d);
		return (0);
	case SCS_FROW_BOOL:
		if (strcmp(text, "true") == 0 || strcmp(text, "yes") == 0)
			*out = cJSON_CreateTrue();
		else if (strcmp(text, "false") == 0 || strcmp(text, "no") == 0)
			*out = cJSON_CreateFalse();
		else {
			scs_cause(cause, "must be true or false");
			return (-1);
		}
		return (0);
	case SCS_FROW_CHOICE:
		for (i = 0; r->choices != NULL && r->choices[i] != NULL; i++) {
			if (strcmp(r->choices[i], text) == 0)
				break;
		}
		if (r->choices != NULL && r->choices[0] != NULL &&
		    r->choices[i] == NULL) {
			one_of(cause, r->choices);
			return (-1);
		}
		/* Enum members that are not strings are JSON. */
		if (l->schema != NULL && !schema_is(l->schema, "string") &&
		    (*out = cJSON_Parse(text)) != NULL)
			return (0);
		*out = cJSON_CreateString(text);
		return (0);
	case SCS_FROW_JSON:
		if ((*out = cJSON_Parse(text)) == NULL) {
			scs_cause(cause, "not valid JSON near '%.20s'",
			    cJSON_GetErrorPtr() != NULL ? cJSON_GetErrorPtr() :
			    "");
			return (-1);
		}
		return (0);
	default:
		scs_cause(cause, "this row holds no value");
		return (-1);
	}
}

int
scs_cform_set(struct scs_cform *f, size_t row, const char *text,
    char **cause)
{
	struct scs_frow	*r;
	struct loc	*l;
	cJSON		*v;

	rebuild(f);
	if (row >= f->nrows)
		return (-1);
	r = &f->rows[row];
	l = &f->locs[row];
	if (r->fixed) {
		scs_cause(cause, "%s cannot be changed here", r->label);
		return (-1);
	}
	if (strcmp(r->path, topo_class_key(f)) == 0 ||
	    strcmp(r->path, "spec.topology.version") == 0 ||
	    strcmp(r->path, "metadata.namespace") == 0) {
		if (parse_value(r, l, text, &v, cause) != 0)
			return (-1);
		cJSON_Delete(v);
		snapshot(f);
		if (strcmp(r->path, "metadata.namespace") == 0)
			set_item(path_obj(f->obj, "metadata", 1), "namespace",
			    cJSON_CreateString(text));
		else if (strcmp(r->path, "spec.topology.version") == 0)
			set_item(path_obj(f->obj, "spec.topology", 1),
			    "version", cJSON_CreateString(text));
		else
			set_class_ref(f, text);
		changed(f);
		return (0);
	}
	if (l->type == LOC_NONE) {
		scs_cause(cause, "%s holds no value", r->label);
		return (-1);
	}
	if (r->kind == SCS_FROW_HEAD) {
		/* An unset group: create it empty. */
		if (!r->unset)
			return (0);
		v = new_value(l->schema);
	} else if (*text == '\0' && l->optional && r->kind !=
	    SCS_FROW_STRING) {
		v = NULL;
	} else if (parse_value(r, l, text, &v, cause) != 0)
		return (-1);
	snapshot(f);
	loc_put(f, l, v);
	changed(f);
	return (0);
}

static const char	*name_problem(const struct scs_cform *, const char *);
static const char	*version_problem(const char *);

int
scs_cform_check(struct scs_cform *f, size_t row, const char *text,
    char **problem)
{
	struct scs_frow			*r;
	struct loc			*l;
	cJSON				*v = NULL;
	struct scs_schema_errors	 e;
	const char			*np;

	rebuild(f);
	if (row >= f->nrows)
		return (-1);
	r = &f->rows[row];
	l = &f->locs[row];
	if (strcmp(r->path, "metadata.name") == 0) {
		if ((np = name_problem(f, text)) != NULL) {
			scs_cause(problem, "%s", np);
			return (-1);
		}
		return (0);
	}
	if (strcmp(r->path, "spec.topology.version") == 0 && f->version_open) {
		if ((np = version_problem(text)) != NULL) {
			scs_cause(problem, "%s", np);
			return (-1);
		}
		return (0);
	}
	if (*text == '\0' && l->optional && r->kind != SCS_FROW_STRING)
		return (0);
	if (parse_value(r, l, text, &v, problem) != 0)
		return (-1);
	if (strcmp(r->path, "spec.topology.controlPlane.replicas") == 0 &&
	    (v->valueint < 1 || v->valueint % 2 == 0)) {
		scs_cause(problem, "must be an odd number, at least 1");
		cJSON_Delete(v);
		return (-1);
	}
	if (r->kind == SCS_FROW_INTEGER && strncmp(r->path, MDS, strlen(MDS))
	    == 0 && v->valueint < 0) {
		scs_cause(problem, "must be 0 or more");
		cJSON_Delete(v);
		return (-1);
	}
	memset(&e, 0, sizeof e);
	if (l->schema != NULL)
		scs_schema_validate_value(l->schema, v, r->path, &e);
	cJSON_Delete(v);
	if (e.n > 0) {
		*problem = scs_schema_readable(e.v[0].message);
		scs_schema_errors_free(&e);
		return (-1);
	}
	scs_schema_errors_free(&e);
	return (0);
}

int
scs_cform_step(struct scs_cform *f, size_t row, int dir)
{
	struct scs_frow	*r;
	size_t		 i, n = 0;

	rebuild(f);
	if (row >= f->nrows)
		return (-1);
	r = &f->rows[row];
	if (r->kind == SCS_FROW_BOOL)
		return (scs_cform_set(f, row, strcmp(r->text, "true") == 0 ?
		    "false" : "true", NULL));
	if (r->kind != SCS_FROW_CHOICE || r->choices == NULL ||
	    r->choices[0] == NULL)
		return (-1);
	while (r->choices[n] != NULL)
		n++;
	for (i = 0; i < n; i++) {
		if (strcmp(r->choices[i], r->text) == 0)
			break;
	}
	i = i == n ? 0 : (i + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
	{
		char	*c = scs_xstrdup(r->choices[i]);
		int	 ret = scs_cform_set(f, row, c, NULL);

		free(c);
		return (ret);
	}
}

/* A new value for schema s: its default, else empty of its type; nested
 * defaults filled in as the server would. */
static cJSON *
new_value(const cJSON *s)
{
	cJSON	*v;

	if ((v = scs_schema_initial(s)) != NULL)
		return (v);
	if (schema_is(s, "integer") || schema_is(s, "number"))
		return (cJSON_CreateNumber(0));
	if (schema_is(s, "boolean"))
		return (cJSON_CreateFalse());
	if (cJSON_IsArray(J(s, "enum")) && cJSON_GetArraySize(J(s, "enum")) >
	    0)
		return (cJSON_Duplicate(cJSON_GetArrayItem(J(s, "enum"), 0), 1));
	return (cJSON_CreateString(""));
}

int
scs_cform_add(struct scs_cform *f, size_t row, const char *key,
    char **cause)
{
	struct loc	*l;
	cJSON		*md, *ovr, *e, *mds;
	const cJSON	*d, *def = NULL;
	char		 name[64];
	int		 i;

	rebuild(f);
	if (row >= f->nrows || f->rows[row].kind != SCS_FROW_ADD)
		return (-1);
	l = &f->locs[row];
	switch (l->type) {
	case LOC_ADD_ITEM:
		snapshot(f);
		cJSON_AddItemToArray(l->parent, new_value(l->schema));
		break;
	case LOC_ADD_KEY:
		if (key == NULL || *key == '\0' || J(l->parent, key) != NULL) {
			scs_cause(cause, "a new, non-empty key is needed");
			return (-1);
		}
		snapshot(f);
		cJSON_AddItemToObject(l->parent, key, new_value(l->schema));
		break;
	case LOC_ADD_VAR:
		cJSON_ArrayForEach(d, f->defs) {
			if (scs_streq(cJSON_GetStringValue(J(d, "name")), key))
				def = d;
		}
		if (def == NULL) {
			scs_cause(cause, "'%s': the class has no such variable",
			    key != NULL ? key : "");
			return (-1);
		}
		snapshot(f);
		if ((ovr = J(J(l->parent, "variables"), "overrides")) == NULL) {
			ovr = cJSON_CreateArray();
			cJSON_AddItemToObject(path_obj(l->parent, "variables",
			    1), "overrides", ovr);
		}
		e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "name", key);
		/* Start from the cluster-wide value, else the default. */
		{
			cJSON	*cur = var_entry(path_obj(f->obj, VARS, 0),
				    key);

			cJSON_AddItemToObject(e, "value", cur != NULL &&
			    J(cur, "value") != NULL ?
			    cJSON_Duplicate(J(cur, "value"), 1) :
			    new_value(scs_jpath(def, "schema.openAPIV3Schema")));
		}
		cJSON_AddItemToArray(ovr, e);
		break;
	case LOC_ADD_MD:
		mds = l->parent;
		for (i = cJSON_GetArraySize(mds);; i++) {
			snprintf(name, sizeof name, "md-%d", i);
			cJSON_ArrayForEach(e, mds) {
				if (scs_streq(cJSON_GetStringValue(J(e, "name")),
				    name))
					break;
			}
			if (e == NULL)
				break;
		}
		snapshot(f);
		md = cJSON_CreateObject();
		cJSON_AddStringToObject(md, "name", name);
		e = cJSON_GetArrayItem(scs_jpath(f->cls,
		    "spec.workers.machineDeployments"), 0);
		cJSON_AddStringToObject(md, "class",
		    cJSON_GetStringValue(J(e, "class")) != NULL ?
		    cJSON_GetStringValue(J(e, "class")) : "default-worker");
		cJSON_AddNumberToObject(md, "replicas", 1);
		cJSON_AddItemToArray(mds, md);
		break;
	default:
		return (-1);
	}
	changed(f);
	return (0);
}

/* Can row itself go (D on it)? */
static int
removable_here(const struct scs_cform *f, size_t row)
{
	const struct scs_frow	*r = &f->rows[row];
	const struct loc	*l = &f->locs[row];

	if (r->fixed)
		return (0);
	if (l->type == LOC_MD)
		return (cJSON_GetArraySize(l->parent) > 1 || f->editing);
	if (l->type == LOC_KEY && strcmp(l->key, "value") == 0 &&
	    strstr(r->path, ".variables.overrides[") != NULL)
		return (1);
	if (r->unset)
		return (0);
	return ((l->type == LOC_KEY || l->type == LOC_INDEX) &&
	    (l->optional || r->removable));
}

long
scs_cform_removes(struct scs_cform *f, size_t row)
{
	size_t	 i;
	int	 depth;

	rebuild(f);
	if (row >= f->nrows || f->rows[row].fixed)
		return (-1);
	for (;;) {
		if (removable_here(f, row))
			return ((long)row);
		/* Up to the group holding row: the nearest row above it
		 * one level shallower (a header). */
		depth = f->rows[row].depth;
		for (i = row; i > 0; i--) {
			if (f->rows[i - 1].depth < depth)
				break;
		}
		/* Only values climb: a MachineDeployment's own fields
		 * never take it along. */
		if (i == 0 || f->rows[i - 1].kind != SCS_FROW_HEAD ||
		    (f->locs[i - 1].type != LOC_KEY &&
		    f->locs[i - 1].type != LOC_INDEX) || f->rows[i - 1].fixed)
			return (-1);
		row = i - 1;
	}
}

int
scs_cform_remove(struct scs_cform *f, size_t row)
{
	struct scs_frow	*r;
	struct loc	*l;
	cJSON		*ovr, *e;
	long		 t;

	if ((t = scs_cform_removes(f, row)) < 0)
		return (-1);
	row = (size_t)t;
	r = &f->rows[row];
	l = &f->locs[row];
	if (l->type == LOC_MD) {
		snapshot(f);
		cJSON_DeleteItemFromArray(l->parent, l->index);
		changed(f);
		return (0);
	}
	/* An override: its entry leaves the overrides list. */
	if (l->type == LOC_KEY && strcmp(l->key, "value") == 0 &&
	    strstr(r->path, ".variables.overrides[") != NULL) {
		snapshot(f);
		cJSON_ArrayForEach(ovr, path_obj(f->obj, MDS, 0)) {
			cJSON	*list = J(J(ovr, "variables"), "overrides");

			cJSON_ArrayForEach(e, list) {
				if (e == l->parent) {
					cJSON_DetachItemViaPointer(list, e);
					cJSON_Delete(e);
					changed(f);
					return (0);
				}
			}
		}
		changed(f);
		return (0);
	}
	snapshot(f);
	loc_put(f, l, NULL);
	changed(f);
	return (0);
}

/* --- validation ------------------------------------------------------------ */

static void
err_add(struct scs_cform *f, const char *path, const char *msg)
{
	f->errs = scs_xreallocarray(f->errs, f->nerrs + 1, sizeof *f->errs);
	f->errs[f->nerrs].path = scs_xstrdup(path);
	f->errs[f->nerrs].message = scs_schema_readable(msg);
	f->nerrs++;
}

/* vMAJOR.MINOR.PATCH, as CAPI's webhook wants a topology version. */
static const char *
version_problem(const char *s)
{
	int	 i, dots = 0;

	if (*s == '\0')
		return ("required");
	if (s[0] != 'v')
		return ("must be a version such as v1.33.4 (a 'v', then "
		    "MAJOR.MINOR.PATCH)");
	for (i = 1; s[i] != '\0'; i++) {
		if (s[i] == '.' && s[i - 1] != '.' && i > 1)
			dots++;
		else if (s[i] < '0' || s[i] > '9')
			return ("must be a version such as v1.33.4 (a 'v', "
			    "then MAJOR.MINOR.PATCH)");
	}
	if (dots != 2 || s[i - 1] == '.')
		return ("must be a version such as v1.33.4 (a 'v', then "
		    "MAJOR.MINOR.PATCH)");
	return (NULL);
}

/* DNS-1123 label, as Kubernetes checks cluster names; a new cluster's
 * name must be free. */
static const char *
name_problem(const struct scs_cform *f, const char *s)
{
	size_t	 i, n = strlen(s);

	if (!f->editing && f->taken != NULL) {
		for (i = 0; f->taken[i] != NULL; i++)
			if (strcmp(f->taken[i], s) == 0)
				return (f->kind != NULL ? "one of this name "
				    "exists already in this namespace" : "a "
				    "cluster of this name exists already in "
				    "this namespace");
	}
	if (n == 0)
		return ("required");
	if (n > 63)
		return ("must be no more than 63 characters");
	if (!(s[0] >= 'a' && s[0] <= 'z'))
		return ("must start with a lower case letter");
	for (i = 0; i < n; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '-'))
			return ("only lower case letters, digits and '-'");
	}
	if (s[n - 1] == '-')
		return ("must end with a letter or digit");
	return (NULL);
}

/* Map a cause's field to a row path: required-variable causes name the
 * variable in the message. */
static void
cause_path(const char *field, const char *message, char *out, size_t len)
{
	const char	*q;

	if ((q = strstr(message, "required variable \"")) != NULL &&
	    strcmp(field, VARS) == 0) {
		q += strlen("required variable \"");
		snprintf(out, len, VARS "[%.*s].value",
		    (int)(strchr(q, '"') != NULL ? strchr(q, '"') - q :
		    (long)strlen(q)), q);
		return;
	}
	snprintf(out, len, "%s", field);
}

size_t
scs_cform_validate(struct scs_cform *f, long *first)
{
	struct scs_schema_errors	 e;
	const char			*p, *cls, *ver;
	const cJSON			*md, *r;
	char				 path[1024], *pre;
	size_t				 i, k;

	errs_clear(f);
	if ((p = name_problem(f, str_at(f->obj, "metadata.name") != NULL ?
	    str_at(f->obj, "metadata.name") : "")) != NULL)
		err_add(f, "metadata.name", p);
	memset(&e, 0, sizeof e);
	if (f->kind != NULL) {
		if (kind_spec(f) != NULL)
			scs_schema_validate_value(kind_spec(f), path_obj(f->obj,
			    "spec", 1), "spec", &e);
		goto causes;
	}
	cls = scs_cform_class_name(f);
	if (cls == NULL || *cls == '\0')
		err_add(f, topo_class_key(f), "required");
	else if (f->class_choices != NULL && f->class_choices[0] != NULL) {
		for (i = 0; f->class_choices[i] != NULL; i++) {
			if (strcmp(f->class_choices[i], cls) == 0)
				break;
		}
		if (f->class_choices[i] == NULL)
			err_add(f, topo_class_key(f), "not a class offered "
			    "here: choose one (Enter)");
	}
	ver = str_at(f->obj, "spec.topology.version");
	if (ver == NULL || *ver == '\0')
		err_add(f, "spec.topology.version", "required");
	else if (f->version_open && (p = version_problem(ver)) != NULL)
		err_add(f, "spec.topology.version", p);
	r = scs_jpath(f->obj, "spec.topology.controlPlane.replicas");
	if (r != NULL && (!cJSON_IsNumber(r) || r->valueint < 1 ||
	    r->valueint % 2 == 0))
		err_add(f, "spec.topology.controlPlane.replicas",
		    "must be an odd number, at least 1");
	cJSON_ArrayForEach(md, path_obj(f->obj, MDS, 0)) {
		const char	*mn = cJSON_GetStringValue(J(md, "name"));

		r = J(md, "replicas");
		if (r != NULL && (!cJSON_IsNumber(r) || r->valueint < 0)) {
			snprintf(path, sizeof path, MDS "[%s].replicas",
			    mn != NULL ? mn : "");
			err_add(f, path, "must be 0 or more");
		}
	}
	if (f->defs != NULL) {
		scs_schema_validate(f->defs, path_obj(f->obj, VARS, 0), VARS,
		    0, &e);
		cJSON_ArrayForEach(md, path_obj(f->obj, MDS, 0)) {
			pre = scs_xprintf(MDS "[%s].variables.overrides",
			    cJSON_GetStringValue(J(md, "name")) != NULL ?
			    cJSON_GetStringValue(J(md, "name")) : "");
			scs_schema_validate(f->defs, scs_jpath(md,
			    "variables.overrides"), pre, 1, &e);
			free(pre);
		}
	}
causes:
	for (i = 0; i < e.n; i++) {
		cause_path(e.v[i].field, e.v[i].message, path, sizeof path);
		err_add(f, path, e.v[i].message);
	}
	scs_schema_errors_free(&e);
	f->stale = 1;
	rebuild(f);
	if (first != NULL) {
		*first = -1;
		for (k = 0; k < f->nrows; k++) {
			if (f->rows[k].error != NULL) {
				*first = (long)k;
				break;
			}
		}
	}
	return (f->nerrs);
}

size_t
scs_cform_server_errors(struct scs_cform *f, const struct scs_api_error *se,
    char **rest)
{
	struct scs_buf	 b;
	size_t		 i, k, n, found = 0;
	char		 path[1024], **named;
	int		 hit;

	errs_clear(f);
	scs_buf_init(&b, 0);
	f->stale = 1;
	rebuild(f);
	for (i = 0; se != NULL && i < se->ncauses; i++) {
		cause_path(se->causes[i].field != NULL ? se->causes[i].field :
		    "", se->causes[i].message != NULL ?
		    se->causes[i].message : "", path, sizeof path);
		err_add(f, path, se->causes[i].message != NULL ?
		    se->causes[i].message : se->causes[i].reason);
		for (k = 0, hit = 0; k < f->nrows; k++)
			hit |= strcmp(f->rows[k].path, path) == 0;
		if (hit)
			found++;
		else
			scs_buf_printf(&b, "%s%s: %s", b.len != 0 ? "; " : "",
			    path, se->causes[i].message != NULL ?
			    se->causes[i].message : "");
	}
	/* No causes: the name of an existing object, or a field the
	 * message names ("...: spec.topology.class: Invalid value: ..."). */
	if (se != NULL && se->ncauses == 0) {
		if (scs_streq(se->reason, "AlreadyExists")) {
			err_add(f, "metadata.name", "a cluster of this name "
			    "exists already");
			found++;
		} else if (se->message != NULL && (named =
		    scs_pins_message_fields(se->message)) != NULL) {
			/* An admission policy's or webhook's message naming
			 * fields: the whole message on each. */
			for (n = 0; named[n] != NULL; n++) {
				for (k = 0; k < f->nrows; k++) {
					if (f->rows[k].kind == SCS_FROW_ADD ||
					    (strcmp(f->rows[k].path,
					    named[n]) != 0 && !(scs_strprefix(
					    f->rows[k].path, named[n]) &&
					    strcmp(f->rows[k].path +
					    strlen(named[n]), ".value") == 0)))
						continue;
					err_add(f, f->rows[k].path,
					    se->message);
					found++;
					break;
				}
			}
			scs_strv_free(named);
		}
		if (found == 0 && se->message != NULL &&
		    !scs_streq(se->reason, "AlreadyExists")) {
			for (k = 0; k < f->nrows; k++) {
				char	*needle;

				if (*f->rows[k].path == '\0')
					continue;
				needle = scs_xprintf("%s: ", f->rows[k].path);
				if (strstr(se->message, needle) != NULL) {
					err_add(f, f->rows[k].path,
					    strstr(se->message, needle) +
					    strlen(needle));
					found++;
					free(needle);
					break;
				}
				free(needle);
			}
		}
	}
	f->stale = 1;
	rebuild(f);
	if (rest != NULL)
		*rest = b.data != NULL ? scs_buf_steal(&b) : NULL;
	else
		scs_buf_done(&b);
	return (found);
}

/* --- output ------------------------------------------------------------ */

cJSON *
scs_cform_object(const struct scs_cform *f)
{
	cJSON	*o = cJSON_Duplicate(f->obj, 1), *vars;

	/* An empty variables list is no list. */
	vars = path_obj(o, VARS, 0);
	if (vars != NULL && cJSON_GetArraySize(vars) == 0)
		cJSON_DeleteItemFromObjectCaseSensitive(path_obj(o,
		    "spec.topology", 0), "variables");
	return (o);
}

char *
scs_cform_yaml(const struct scs_cform *f)
{
	cJSON	*o = scs_cform_object(f);
	char	*y, *cause = NULL;

	y = scs_yaml_emit(o, 0, NULL, &cause);
	cJSON_Delete(o);
	if (y == NULL) {
		y = scs_xprintf("# %s\n", cause != NULL ? cause : "no YAML");
		free(cause);
	}
	return (y);
}

/* --- 409 and drafts -------------------------------------------------------- */

/* Fields of a and b that differ, as dotted paths (objects walked). */
static void
diff_paths(const cJSON *a, const cJSON *b, const char *path,
    struct scs_buf *out, int depth)
{
	const cJSON	*x;
	char		*sub;

	if (cJSON_Compare(a, b, 1))
		return;
	if (depth < 6 && cJSON_IsObject(a) && cJSON_IsObject(b)) {
		cJSON_ArrayForEach(x, a) {
			sub = scs_xprintf("%s%s%s", path, *path != '\0' ? "." :
			    "", x->string);
			diff_paths(x, J(b, x->string), sub, out, depth + 1);
			free(sub);
		}
		cJSON_ArrayForEach(x, b) {
			if (J(a, x->string) == NULL) {
				scs_buf_printf(out, "%s%s%s%s", out->len != 0 ?
				    ", " : "", path, *path != '\0' ? "." : "",
				    x->string);
			}
		}
		return;
	}
	scs_buf_printf(out, "%s%s", out->len != 0 ? ", " : "", path);
}

/* Apply what changed from base to mine onto target (objects merged,
 * everything else replaced). */
static void
apply_changes(const cJSON *base, const cJSON *mine, cJSON *target)
{
	const cJSON	*x;

	cJSON_ArrayForEach(x, mine) {
		const cJSON	*bx = J(base, x->string);
		cJSON		*tx = J(target, x->string);

		if (cJSON_Compare(x, bx, 1))
			continue;
		if (cJSON_IsObject(x) && cJSON_IsObject(bx) &&
		    cJSON_IsObject(tx))
			apply_changes(bx, x, tx);
		else
			set_item(target, x->string, cJSON_Duplicate(x, 1));
	}
	cJSON_ArrayForEach(x, base) {
		if (J(mine, x->string) == NULL)
			cJSON_DeleteItemFromObjectCaseSensitive(target,
			    x->string);
	}
}

enum scs_rebase
scs_cform_rebase(struct scs_cform *f, const cJSON *latest, char **changed_out)
{
	struct scs_buf	 b;
	cJSON		*spec_l, *next;
	enum scs_rebase	 rb;

	scs_buf_init(&b, 0);
	spec_l = cJSON_Duplicate(latest, 1);
	cJSON_DeleteItemFromObjectCaseSensitive(spec_l, "status");
	cJSON_DeleteItemFromObjectCaseSensitive(J(spec_l, "metadata"),
	    "managedFields");
	diff_paths(J(f->base, "spec"), J(spec_l, "spec"), "spec", &b, 0);
	next = cJSON_Duplicate(spec_l, 1);
	apply_changes(J(f->base, "spec"), J(f->obj, "spec"), J(next, "spec"));
	apply_changes(scs_jpath(f->base, "metadata.labels"),
	    scs_jpath(f->obj, "metadata.labels"), path_obj(next,
	    "metadata.labels", 1));
	snapshot(f);
	cJSON_Delete(f->obj);
	f->obj = next;
	cJSON_Delete(f->base);
	f->base = spec_l;
	changed(f);
	rb = b.len != 0 ? SCS_REBASE_SPEC : SCS_REBASE_SAME;
	if (changed_out != NULL)
		*changed_out = rb == SCS_REBASE_SPEC ? scs_buf_steal(&b) :
		    NULL;
	scs_buf_done(&b);
	return (rb);
}

/* The spec of o as YAML ("" without one). */
static char *
spec_yaml(const cJSON *o)
{
	char	*y, *cause = NULL;

	if (J(o, "spec") == NULL)
		return (scs_xstrdup(""));
	y = scs_yaml_emit(J(o, "spec"), 0, NULL, &cause);
	free(cause);
	return (y != NULL ? y : scs_xstrdup(""));
}

char *
scs_cform_diff(const struct scs_cform *f, const cJSON *after, int context,
    size_t *changed)
{
	char	*a = spec_yaml(f->base), *b = spec_yaml(after), *d;

	d = scs_diff_lines(a, b, context, changed);
	free(a);
	free(b);
	return (d);
}

char *
scs_cform_draft(const struct scs_cform *f)
{
	cJSON	*d = cJSON_CreateObject();
	char	*s;

	cJSON_AddItemToObject(d, "cluster", cJSON_Duplicate(f->obj, 1));
	cJSON_AddBoolToObject(d, "editing", f->editing);
	if (f->editing)
		cJSON_AddItemToObject(d, "base", cJSON_Duplicate(f->base, 1));
	s = cJSON_Print(d);
	cJSON_Delete(d);
	return (s);
}

struct scs_cform *
scs_cform_from_draft(const char *text, int v1beta1)
{
	cJSON			*d = cJSON_Parse(text), *c;
	struct scs_cform	*f;

	if (d == NULL || !cJSON_IsObject(c = J(d, "cluster")) ||
	    !scs_streq(cJSON_GetStringValue(J(c, "kind")), "Cluster")) {
		cJSON_Delete(d);
		return (NULL);
	}
	f = scs_cform_new(str_at(c, "metadata.namespace"), NULL, v1beta1);
	cJSON_Delete(f->obj);
	f->obj = cJSON_Duplicate(c, 1);
	if (cJSON_IsTrue(J(d, "editing")) && J(d, "base") != NULL) {
		f->editing = 1;
		cJSON_Delete(f->base);
		f->base = cJSON_Duplicate(J(d, "base"), 1);
	}
	/* Reopened: nothing changed since (the draft is the baseline). */
	cJSON_Delete(f->mark);
	f->mark = cJSON_Duplicate(f->obj, 1);
	cJSON_Delete(d);
	return (f);
}
