/*
 * clusterform.h: the model behind the cluster form (DESIGN.md section 2,
 * Write): a Cluster object being created or edited, shown as rows. No
 * curses; the console draws the rows and sends the object.
 *
 * The form holds one Cluster object (cJSON, v1beta2 or v1beta1 shape) and
 * the ClusterClass it uses. Rows are derived from both: the general fields
 * (name, class, version, control plane replicas), each worker
 * MachineDeployment (class, replicas, failure domain, variable overrides)
 * and every variable of the class, walked through its schema (objects as
 * groups, arrays and maps as lists with an add row, scalars as inputs,
 * enums and booleans as choices; what the form cannot break down, such as
 * oneOf or preserve-unknown-fields, is edited as JSON). Each row carries
 * the field path the API server uses in its errors, so local validation
 * and the server's causes land on the row they name.
 *
 * Rows are rebuilt after each change; row pointers are valid until the
 * next call that changes the form. Every change can be undone.
 */
#ifndef SCS_CLUSTERFORM_H
#define SCS_CLUSTERFORM_H

#include <stddef.h>

#include <cJSON.h>

#include "scs/api.h"
#include "scs/scs.h"

enum scs_frow_kind {
	SCS_FROW_HEAD,		/* a group: "Workers", an object, a list */
	SCS_FROW_STRING,
	SCS_FROW_INTEGER,
	SCS_FROW_NUMBER,
	SCS_FROW_BOOL,
	SCS_FROW_CHOICE,	/* enum, class, version */
	SCS_FROW_JSON,		/* any JSON value, edited as text */
	SCS_FROW_ADD		/* "+ add ..." */
};

struct scs_frow {
	enum scs_frow_kind	 kind;
	int			 depth;
	char			*label;		/* "name", "workerFlavor", "[0]" */
	char			*path;		/* "spec.topology.variables[x].value.y" */
	char			*text;		/* the value as text, "" unset */
	char			*help;		/* description and constraints */
	char			*error;		/* local or server error, or NULL */
	char			**choices;	/* CHOICE, BOOL: the closed set;
						   STRING: suggestions (NULL-
						   terminated, or NULL) */
	char			**choice_help;	/* one per choice (entries may
						   be NULL), or NULL */
	char			*name;		/* the row in messages: "md-1
						   replicas", "oidcConfig.
						   issuerURL" */
	char			*fixed_why;	/* fixed: why, for the focus */
	int			 required;
	int			 is_default;	/* the value equals the class's
						   default (scs_schema_is_
						   default); unset with it:
						   the server fills it in,
						   text is that default */
	int			 unset;
	int			 removable;	/* an item, a map entry, an MD */
	int			 optional;	/* an optional value that is
						   set: D unsets it */
	int			 fixed;		/* cannot be changed (edit mode) */
	int			 pinned;	/* fixed by the provider's pin */
};

struct scs_cform;

/*
 * A form for a new cluster in ns (cluster NULL) or for editing cluster
 * (copied). v1beta1: the server's Cluster version is v1beta1
 * (topology.class instead of topology.classRef).
 */
struct scs_cform *scs_cform_new(const char *ns, const cJSON *cluster,
		    int v1beta1);
/*
 * A form for a new cluster in ns filled from source (another Cluster,
 * any namespace): its whole spec (class, version, control plane, every
 * MachineDeployment, every variable, objects and arrays whole, the
 * cluster network), without what controllers fill in (endpoint, refs,
 * paused) and without the class's namespace; the name empty.
 */
struct scs_cform *scs_cform_clone(const char *ns, const cJSON *source,
		    int v1beta1);
/*
 * A form for a new object of another kind, described by the
 * openAPIV3Schema the server publishes for it (/openapi/v3: a CRD's
 * structural schema; copied): its namespace (fixed) and name, then spec
 * walked through the schema as a class's variables are (objects as
 * groups, lists with an add row, enums and booleans as choices, ...).
 * spec starts with the schema's defaults, or is from's (a kept draft's
 * object). Validation: the name, then spec against the schema with the
 * API server's field paths ("spec.kubernetesVersion"); the server's
 * causes land on the same rows. Class, version, pins and the Secret
 * choices do not apply.
 */
struct scs_cform *scs_cform_new_kind(const char *ns, const char *api_version,
		    const char *kind, const cJSON *schema, const cJSON *from);
/* The kind of a form made by scs_cform_new_kind; NULL: a Cluster's. */
const char	*scs_cform_kind(const struct scs_cform *);
void		 scs_cform_free(struct scs_cform *);
int		 scs_cform_editing(const struct scs_cform *);

/*
 * The ClusterClass object in use (copied; NULL: none yet). Its variables
 * get their defaults where the cluster has no value; the first worker
 * class is used for new MachineDeployments.
 */
void		 scs_cform_set_class(struct scs_cform *, const cJSON *cls);
const char	*scs_cform_class_name(const struct scs_cform *);
/* The object's namespace (a new one's may be chosen: "namespace"
 * choices). */
const char	*scs_cform_namespace(const struct scs_cform *);
/*
 * Choices offered (copied; NULL or empty: none known). what:
 *   "class"		the class row (closed)
 *   "version"		the version row, closed (a release says it)
 *   "version-suggest"	the version row, suggestions: any vMAJOR.MINOR.PATCH
 *			is taken (a class no ClusterStackRelease describes)
 *   "namespace"	a new object's namespace (closed: those the user
 *			may create it in; none: fixed to the form's)
 *   "failureDomain"	the MachineDeployments' failure domain (closed
 *			when known, free text otherwise)
 *   "secret"		fields naming a Secret (scs_names_secret): the
 *			namespace's Secrets as suggestions, the help of
 *			each the cloud it points at (scs_secret_cloud)
 * A MachineDeployment's class is always a choice of the class's
 * workers.machineDeployments[].class. scs_cform_set_choice_help gives a
 * description per choice (same order; NULL entries allowed).
 */
void		 scs_cform_set_choices(struct scs_cform *, const char *what,
		    const char *const *choices);
void		 scs_cform_set_choice_help(struct scs_cform *, const char *what,
		    const char *const *help);
/*
 * Names already taken in the namespace (copied): a new cluster's name
 * among them is refused as it is typed ("a cluster named X exists
 * already"). The server stays the judge.
 */
void		 scs_cform_set_taken(struct scs_cform *,
		    const char *const *names);

/*
 * The pins of the namespace (the ConfigMap scs-pins, copied; NULL: none,
 * every row editable again). The pinned version and each pinned
 * variable the class has are set to the pinned value, MachineDeployment
 * overrides of them are dropped, and their rows are fixed and marked
 * pinned ("pinned by your provider"): what is sent carries the pins.
 */
void		 scs_cform_set_pins(struct scs_cform *, const cJSON *configmap);
size_t		 scs_cform_nrows(struct scs_cform *);
const struct scs_frow *scs_cform_row(struct scs_cform *, size_t);
/* The row with path, or -1. */
long		 scs_cform_find(struct scs_cform *, const char *path);

/*
 * Set row's value from text (parsed as its kind: numbers, true/false,
 * one of the choices, JSON). 0, or -1 with *cause (nothing changed).
 */
int		 scs_cform_set(struct scs_cform *, size_t row, const char *text,
		    char **cause);
/* Would text be a valid value for row (parsed and checked against the
 * row's schema, nothing changed)? 0, or -1 with *problem. For errors
 * inline as the user types. */
int		 scs_cform_check(struct scs_cform *, size_t row,
		    const char *text, char **problem);
/* Toggle a boolean, or step a choice by dir (+1/-1). */
int		 scs_cform_step(struct scs_cform *, size_t row, int dir);
/* On an ADD row: add an item (key for maps and overrides: a name). */
int		 scs_cform_add(struct scs_cform *, size_t row, const char *key,
		    char **cause);
/*
 * What D on row removes: the row itself when it is a removable item or
 * a set optional value, else the nearest enclosing optional object or
 * removable item (D on oidcConfig.issuerURL, required in its object,
 * removes oidcConfig; Enter on its header creates it again). The row's
 * index, or -1 when nothing there can go.
 */
long		 scs_cform_removes(struct scs_cform *, size_t row);
/* Remove what scs_cform_removes names. 0, or -1 when nothing can go. */
int		 scs_cform_remove(struct scs_cform *, size_t row);
/* Undo the last change; 0, or -1 when there is nothing to undo. */
int		 scs_cform_undo(struct scs_cform *);
/* Changed since it was opened (or since scs_cform_mark). */
int		 scs_cform_changed(const struct scs_cform *);
void		 scs_cform_mark(struct scs_cform *);

/*
 * Validate locally (name, class, version, replicas, every variable
 * against its schema, as the server would); errors land on their rows.
 * Returns the number of errors; *first the first row with one.
 */
size_t		 scs_cform_validate(struct scs_cform *, long *first);
/* Put a server error's causes onto the rows they name; a Status without
 * causes (an admission policy's or webhook's denial) goes whole onto
 * each row its message names (scs_pins_message_fields). Returns how many
 * found a row; the others are appended to *rest ("field: message"). */
size_t		 scs_cform_server_errors(struct scs_cform *,
		    const struct scs_api_error *, char **rest);

/* The Cluster to send (caller frees), as YAML (caller frees). */
cJSON		*scs_cform_object(const struct scs_cform *);
char		*scs_cform_yaml(const struct scs_cform *);

/* What a rebase met on the server. */
enum scs_rebase {
	SCS_REBASE_SPEC,	/* the spec changed: *changed names where */
	SCS_REBASE_SAME		/* nothing in spec (status, labels, ...) */
};

/*
 * Rebase an edit on the server's newer object after a 409: the user's
 * changes (relative to what was opened) are applied to latest, which
 * becomes the new base. SCS_REBASE_SPEC: *changed (changed may be NULL)
 * lists the fields of spec the server changed ("spec.topology.version,
 * ..."; caller frees); SCS_REBASE_SAME: the spec is as it was, *changed
 * is NULL.
 */
enum scs_rebase	 scs_cform_rebase(struct scs_cform *, const cJSON *latest,
		    char **changed);

/*
 * What an edit would change: the spec as opened (or as last rebased)
 * against after's spec (what the server would store: a dry run's
 * answer), both as YAML, as a unified diff with context lines
 * (scs_diff_lines). "" when nothing changes. Caller frees.
 */
char		*scs_cform_diff(const struct scs_cform *, const cJSON *after,
		    int context, size_t *changed);

/* Drafts: the form as JSON text and back (the class must be set again). */
char		*scs_cform_draft(const struct scs_cform *);
struct scs_cform *scs_cform_from_draft(const char *text, int v1beta1);

#endif
