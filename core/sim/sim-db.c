/*
 * sim-db.c: the simulator's object database: objects per resource key in
 * (namespace, name) order, one resourceVersion counter, a bounded event
 * history for watch resumption, and a hook that tells the server when
 * something changed. One thread; no locks (sim-int.h).
 *
 * Kept compact for worlds of 100,000 realistic objects: an object's text
 * is one buffer shared with the history entries that hold the same
 * version (a count in front of the bytes), and the member names of the
 * stored trees are interned per database (cJSON_StringIsConst), so the
 * 200-odd keys of a Cluster ("lastTransitionTime", ...) exist once.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "sim-int.h"

struct sim_res {
	char		 *key;
	struct sim_obj	**objs;
	size_t		  n;
	size_t		  cap;
};

struct sim_db {
	struct sim_res		*res;
	char			**keys;		/* interned names; open hash */
	size_t			 nkeys;
	size_t			 kcap;
	size_t			 nres;
	uint64_t		 rv;
	uint64_t		 uidseq;
	struct sim_event_rec	*hist;		/* ring */
	size_t			 hcap;
	size_t			 hstart;
	size_t			 hlen;
	uint64_t		 oldest;	/* oldest RV a watch may resume from */
	sim_db_hook		 hook;
	void			*hook_arg;
};

struct sim_db *
sim_db_new(size_t history)
{
	struct sim_db	*db;

	db = scs_xcalloc(1, sizeof *db);
	db->hcap = history != 0 ? history : 10000;
	db->hist = scs_xcalloc(db->hcap, sizeof *db->hist);
	db->rv = 1000;
	db->oldest = db->rv;
	return (db);
}

/* A shared text: its reference count sits in front of its bytes. */
union text_head {
	size_t		 refs;
	max_align_t	 align;
};

static char *
text_new(char *printed, size_t len)
{
	union text_head	*h = scs_xmalloc(sizeof *h + len + 1);

	h->refs = 1;
	memcpy(h + 1, printed, len + 1);
	free(printed);
	return ((char *)(h + 1));
}

static char *
text_ref(char *t)
{
	if (t != NULL)
		((union text_head *)(void *)t - 1)->refs++;
	return (t);
}

static void
text_unref(char *t)
{
	union text_head	*h;

	if (t == NULL)
		return;
	h = (union text_head *)(void *)t - 1;
	if (--h->refs == 0)
		free(h);
}

static void
obj_free(struct sim_obj *o)
{
	if (o == NULL)
		return;
	cJSON_Delete(o->json);
	text_unref(o->text);
	free(o);
}

static void
event_clear(struct sim_event_rec *e)
{
	text_unref(e->text);
	text_unref(e->prev);
	free(e->res);
	free(e->ns);
	free(e->name);
	memset(e, 0, sizeof *e);
}

void
sim_db_free(struct sim_db *db)
{
	size_t	 i, j;

	if (db == NULL)
		return;
	for (i = 0; i < db->nres; i++) {
		for (j = 0; j < db->res[i].n; j++)
			obj_free(db->res[i].objs[j]);
		free(db->res[i].objs);
		free(db->res[i].key);
	}
	free(db->res);
	for (i = 0; i < db->hlen; i++)
		event_clear(&db->hist[(db->hstart + i) % db->hcap]);
	free(db->hist);
	for (i = 0; i < db->kcap; i++)
		free(db->keys[i]);
	free(db->keys);
	free(db);
}

void
sim_db_set_hook(struct sim_db *db, sim_db_hook hook, void *arg)
{
	db->hook = hook;
	db->hook_arg = arg;
}

uint64_t
sim_db_rv(const struct sim_db *db)
{
	return (db->rv);
}

uint64_t
sim_db_oldest_rv(const struct sim_db *db)
{
	return (db->oldest);
}

static struct sim_res *
db_res(struct sim_db *db, const char *key, int create)
{
	size_t	 i;

	for (i = 0; i < db->nres; i++) {
		if (strcmp(db->res[i].key, key) == 0)
			return (&db->res[i]);
	}
	if (!create)
		return (NULL);
	db->res = scs_xreallocarray(db->res, db->nres + 1, sizeof *db->res);
	memset(&db->res[db->nres], 0, sizeof db->res[db->nres]);
	db->res[db->nres].key = scs_xstrdup(key);
	return (&db->res[db->nres++]);
}

static int
obj_cmp(const struct sim_obj *o, const char *ns, const char *name)
{
	int	 c;

	if ((c = strcmp(o->ns, ns)) != 0)
		return (c);
	return (strcmp(o->name, name));
}

/* Binary search; 1 and *pos when found, else 0 and the insert point. */
static int
res_find(const struct sim_res *r, const char *ns, const char *name,
    size_t *pos)
{
	size_t	 lo = 0, hi = r->n, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = obj_cmp(r->objs[mid], ns, name);
		if (c == 0) {
			*pos = mid;
			return (1);
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*pos = lo;
	return (0);
}

static const char *
meta_str(const cJSON *obj, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(
			    cJSON_GetObjectItemCaseSensitive(obj, "metadata"),
			    key);

	return (cJSON_IsString(v) ? v->valuestring : NULL);
}

static void
meta_set(cJSON *obj, const char *key, cJSON *v)
{
	cJSON	*md = cJSON_GetObjectItemCaseSensitive(obj, "metadata");

	if (md == NULL)
		md = cJSON_AddObjectToObject(obj, "metadata");
	if (cJSON_GetObjectItemCaseSensitive(md, key) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(md, key, v);
	else
		cJSON_AddItemToObject(md, key, v);
}

/* Append to the history; takes prev (the text before, or NULL). */
static void
record(struct sim_db *db, enum sim_event type, const char *res,
    const struct sim_obj *o, char *prev)
{
	struct sim_event_rec	*e;

	if (db->hlen == db->hcap) {
		e = &db->hist[db->hstart];
		db->oldest = e->rv;
		event_clear(e);
		db->hstart = (db->hstart + 1) % db->hcap;
		db->hlen--;
	}
	e = &db->hist[(db->hstart + db->hlen) % db->hcap];
	e->rv = db->rv;
	e->type = type;
	e->res = scs_xstrdup(res);
	e->ns = scs_xstrdup(o->ns);
	e->name = scs_xstrdup(o->name);
	e->text = text_ref(o->text);
	e->len = o->text_len;
	e->prev = prev;
	e->prev_len = prev != NULL ? strlen(prev) : 0;
	db->hlen++;
	if (db->hook != NULL)
		db->hook(db->hook_arg);
}

static void
obj_index(struct sim_obj *o)
{
	const char	*ns = meta_str(o->json, "namespace");

	o->ns = ns != NULL ? ns : "";
	o->name = meta_str(o->json, "name");
	if (o->name == NULL)
		o->name = "";
}

static void
obj_text(struct sim_obj *o)
{
	char	*t;

	text_unref(o->text);
	t = sim_json_print(o->json, &o->text_len);
	o->text = text_new(t, o->text_len);
}

static uint64_t
key_hash(const char *k)
{
	uint64_t	 h = 1469598103934665603ULL;	/* FNV-1a */

	for (; *k != '\0'; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211ULL;
	return (h);
}

/* The one copy of name k in db. */
static char *
key_intern(struct sim_db *db, const char *k)
{
	char	**old = db->keys;
	size_t	  ocap = db->kcap, i, j;

	if (2 * (db->nkeys + 1) > db->kcap) {
		db->kcap = ocap == 0 ? 256 : 2 * ocap;
		db->keys = scs_xcalloc(db->kcap, sizeof *db->keys);
		for (i = 0; i < ocap; i++) {
			if (old[i] == NULL)
				continue;
			j = key_hash(old[i]) & (db->kcap - 1);
			while (db->keys[j] != NULL)
				j = (j + 1) & (db->kcap - 1);
			db->keys[j] = old[i];
		}
		free(old);
	}
	j = key_hash(k) & (db->kcap - 1);
	while (db->keys[j] != NULL) {
		if (strcmp(db->keys[j], k) == 0)
			return (db->keys[j]);
		j = (j + 1) & (db->kcap - 1);
	}
	db->nkeys++;
	return (db->keys[j] = scs_xstrdup(k));
}

/* Member names of the tree j (a list of siblings) to db's copies. cJSON
 * frees no name marked const, and its copies keep the pointer (a copy of
 * a stored object comes back with db's names already). */
static void
keys_intern(struct sim_db *db, cJSON *j)
{
	char	*k;

	for (; j != NULL; j = j->next) {
		if (j->string != NULL) {
			k = key_intern(db, j->string);
			if (!(j->type & cJSON_StringIsConst))
				cJSON_free(j->string);
			j->string = k;
			j->type |= cJSON_StringIsConst;
		}
		if (!(j->type & cJSON_IsReference))
			keys_intern(db, j->child);
	}
}

const struct sim_obj *
sim_db_put(struct sim_db *db, const char *key, cJSON *obj)
{
	struct sim_res	*r = db_res(db, key, 1);
	struct sim_obj	*o, *old = NULL;
	const char	*ns, *name;
	char		*prev = NULL;
	char		 buf[64];
	size_t		 pos;
	long		 gen;
	const cJSON	*g;

	ns = meta_str(obj, "namespace");
	name = meta_str(obj, "name");
	if (name == NULL)
		abort();	/* callers validate names */
	if (res_find(r, ns != NULL ? ns : "", name, &pos))
		old = r->objs[pos];
	db->rv++;
	snprintf(buf, sizeof buf, "%llu", (unsigned long long)db->rv);
	meta_set(obj, "resourceVersion", cJSON_CreateString(buf));
	if (old == NULL) {
		if (meta_str(obj, "uid") == NULL) {
			db->uidseq++;
			snprintf(buf, sizeof buf,
			    "5c5e0000-0000-4000-8000-%012llx",
			    (unsigned long long)db->uidseq);
			meta_set(obj, "uid", cJSON_CreateString(buf));
		}
		if (meta_str(obj, "creationTimestamp") == NULL) {
			scs_format_rfc3339(scs_wall_s(), buf, sizeof buf);
			meta_set(obj, "creationTimestamp",
			    cJSON_CreateString(buf));
		}
		g = cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(obj, "metadata"),
		    "generation");
		if (!cJSON_IsNumber(g))
			meta_set(obj, "generation", cJSON_CreateNumber(1));
	} else {
		/* Identity fields survive a replace. */
		meta_set(obj, "uid", cJSON_CreateString(meta_str(old->json,
		    "uid")));
		meta_set(obj, "creationTimestamp", cJSON_CreateString(
		    meta_str(old->json, "creationTimestamp")));
		g = cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(old->json, "metadata"),
		    "generation");
		gen = cJSON_IsNumber(g) ? (long)g->valuedouble : 1;
		if (!cJSON_Compare(cJSON_GetObjectItemCaseSensitive(old->json,
		    "spec"), cJSON_GetObjectItemCaseSensitive(obj, "spec"), 1))
			gen++;
		meta_set(obj, "generation", cJSON_CreateNumber((double)gen));
	}
	keys_intern(db, obj->child);
	o = scs_xcalloc(1, sizeof *o);
	o->json = obj;
	o->rv = db->rv;
	obj_index(o);
	obj_text(o);
	if (old != NULL) {
		r->objs[pos] = o;
		prev = old->text;
		old->text = NULL;
		obj_free(old);
	} else {
		if (r->n == r->cap) {
			r->cap = r->cap == 0 ? 64 : r->cap * 2;
			r->objs = scs_xreallocarray(r->objs, r->cap,
			    sizeof *r->objs);
		}
		memmove(r->objs + pos + 1, r->objs + pos,
		    (r->n - pos) * sizeof *r->objs);
		r->objs[pos] = o;
		r->n++;
	}
	record(db, old != NULL ? SIM_MODIFIED : SIM_ADDED, key, o, prev);
	return (o);
}

const struct sim_obj *
sim_db_get(struct sim_db *db, const char *key, const char *ns,
    const char *name)
{
	struct sim_res	*r = db_res(db, key, 0);
	size_t		 pos;

	if (r == NULL || name == NULL)
		return (NULL);
	if (!res_find(r, ns != NULL ? ns : "", name, &pos))
		return (NULL);
	return (r->objs[pos]);
}

int
sim_db_delete(struct sim_db *db, const char *key, const char *ns,
    const char *name)
{
	struct sim_res	*r = db_res(db, key, 0);
	struct sim_obj	*o;
	size_t		 pos;
	char		 buf[32], *prev;

	if (r == NULL || !res_find(r, ns != NULL ? ns : "", name, &pos))
		return (-1);
	o = r->objs[pos];
	memmove(r->objs + pos, r->objs + pos + 1,
	    (r->n - pos - 1) * sizeof *r->objs);
	r->n--;
	/* The DELETED event carries the last state at the new version. */
	db->rv++;
	snprintf(buf, sizeof buf, "%llu", (unsigned long long)db->rv);
	meta_set(o->json, "resourceVersion", cJSON_CreateString(buf));
	obj_index(o);
	prev = o->text;
	o->text = NULL;
	obj_text(o);
	record(db, SIM_DELETED, key, o, prev);
	obj_free(o);
	return (0);
}

void
sim_db_foreach(struct sim_db *db, const char *key, const char *ns,
    int (*fn)(const struct sim_obj *, void *), void *arg)
{
	struct sim_res	*r = db_res(db, key, 0);
	size_t		 i, pos = 0;

	if (r == NULL)
		return;
	if (ns != NULL) {
		/* Objects of one namespace are contiguous. */
		res_find(r, ns, "", &pos);
		for (i = pos; i < r->n && strcmp(r->objs[i]->ns, ns) == 0; i++) {
			if (fn(r->objs[i], arg) != 0)
				return;
		}
		return;
	}
	for (i = 0; i < r->n; i++) {
		if (fn(r->objs[i], arg) != 0)
			return;
	}
}

size_t
sim_db_count(struct sim_db *db, const char *key, const char *ns)
{
	struct sim_res	*r = db_res(db, key, 0);
	size_t		 pos, i;

	if (r == NULL)
		return (0);
	if (ns == NULL)
		return (r->n);
	res_find(r, ns, "", &pos);
	for (i = pos; i < r->n && strcmp(r->objs[i]->ns, ns) == 0; i++)
		;
	return (i - pos);
}

const struct sim_obj *
sim_db_at(struct sim_db *db, const char *key, size_t i)
{
	struct sim_res	*r = db_res(db, key, 0);

	return (r != NULL && i < r->n ? r->objs[i] : NULL);
}

size_t
sim_db_lower_bound(struct sim_db *db, const char *key, const char *ns,
    const char *name)
{
	struct sim_res	*r = db_res(db, key, 0);
	size_t		 pos;

	if (r == NULL)
		return (0);
	res_find(r, ns != NULL ? ns : "", name != NULL ? name : "", &pos);
	return (pos);
}

/* An object's state at a past resourceVersion (sim_db_foreach_at). */
struct undo {
	const char	*ns;
	const char	*name;
	uint64_t	 rv;
	const char	*then;		/* its text then; NULL: did not exist */
	size_t		 len;
};

static int
key_cmp(const char *ns1, const char *n1, const char *ns2, const char *n2)
{
	int	 c = strcmp(ns1, ns2);

	return (c != 0 ? c : strcmp(n1, n2));
}

static int
undo_cmp(const void *a, const void *b)
{
	const struct undo	*x = a, *y = b;
	int			 c;

	if ((c = key_cmp(x->ns, x->name, y->ns, y->name)) != 0)
		return (c);
	return (x->rv < y->rv ? -1 : x->rv > y->rv);
}

/* Call fn with the past state text (parsed for selectors). */
static int
visit_then(const struct undo *u, int (*fn)(const struct sim_obj *, void *),
    void *arg)
{
	struct sim_obj	 o;
	int		 r;

	memset(&o, 0, sizeof o);
	if ((o.json = cJSON_ParseWithLength(u->then, u->len)) == NULL)
		return (0);
	o.text = (char *)u->then;
	o.text_len = u->len;
	o.ns = u->ns;
	o.name = u->name;
	o.rv = strtoull(meta_str(o.json, "resourceVersion") != NULL ?
	    meta_str(o.json, "resourceVersion") : "0", NULL, 10);
	r = fn(&o, arg);
	cJSON_Delete(o.json);
	return (r);
}

void
sim_db_foreach_at(struct sim_db *db, const char *key, const char *ns,
    const char *after_ns, const char *after_name, uint64_t at,
    int (*fn)(const struct sim_obj *, void *), void *arg)
{
	struct sim_res		*r = db_res(db, key, 0);
	struct sim_event_rec	*e;
	struct undo		*u = NULL;
	struct sim_obj		*cur;
	size_t			 nu = 0, k, i, j;
	const char		*ans = after_ns != NULL ? after_ns : "";
	int			 c;

	/* The first change after `at` of each key tells its state then. */
	for (k = 0; k < db->hlen; k++) {
		e = &db->hist[(db->hstart + k) % db->hcap];
		if (e->rv <= at || strcmp(e->res, key) != 0)
			continue;
		if (ns != NULL && strcmp(ns, e->ns) != 0)
			continue;
		if (after_name != NULL && key_cmp(e->ns, e->name, ans,
		    after_name) <= 0)
			continue;
		u = scs_xreallocarray(u, nu + 1, sizeof *u);
		u[nu].ns = e->ns;
		u[nu].name = e->name;
		u[nu].rv = e->rv;
		u[nu].then = e->type == SIM_ADDED ? NULL : e->prev;
		u[nu].len = e->prev_len;
		nu++;
	}
	if (nu > 1)
		qsort(u, nu, sizeof *u, undo_cmp);
	for (j = k = 0; k < nu; k++)	/* keep the earliest per key */
		if (j == 0 || key_cmp(u[j - 1].ns, u[j - 1].name, u[k].ns,
		    u[k].name) != 0)
			u[j++] = u[k];
	nu = j;

	i = 0;
	if (r != NULL) {
		if (after_name != NULL) {
			if (res_find(r, ans, after_name, &i))
				i++;
		} else if (ns != NULL)
			res_find(r, ns, "", &i);
	}
	/* Merge the current objects with the undone keys, in key order. */
	for (j = 0; (r != NULL && i < r->n) || j < nu; ) {
		cur = r != NULL && i < r->n ? r->objs[i] : NULL;
		if (cur != NULL && ns != NULL && strcmp(cur->ns, ns) != 0) {
			/* Past the namespace: only undone keys remain. */
			cur = NULL;
			i = r->n;
		}
		if (cur == NULL && j == nu)
			break;
		if (cur == NULL)
			c = 1;
		else if (j == nu)
			c = -1;
		else
			c = key_cmp(cur->ns, cur->name, u[j].ns, u[j].name);
		if (c < 0) {
			i++;
			if (fn(cur, arg) != 0)
				break;
			continue;
		}
		if (c == 0)
			i++;
		j++;
		if (u[j - 1].then != NULL && visit_then(&u[j - 1], fn, arg) != 0)
			break;
	}
	free(u);
}

void
sim_db_restart(struct sim_db *db, uint64_t base)
{
	size_t		 i, j;
	struct sim_obj	*o;
	char		 buf[32];

	for (i = 0; i < db->hlen; i++)
		event_clear(&db->hist[(db->hstart + i) % db->hcap]);
	db->hstart = db->hlen = 0;
	db->rv = base;
	for (i = 0; i < db->nres; i++) {
		for (j = 0; j < db->res[i].n; j++) {
			o = db->res[i].objs[j];
			o->rv = ++db->rv;
			snprintf(buf, sizeof buf, "%llu",
			    (unsigned long long)o->rv);
			meta_set(o->json, "resourceVersion",
			    cJSON_CreateString(buf));
			obj_index(o);
			obj_text(o);
		}
	}
	db->oldest = db->rv;
}

int
sim_db_history(struct sim_db *db, uint64_t since,
    int (*fn)(const struct sim_event_rec *, void *), void *arg)
{
	size_t	 i;
	struct sim_event_rec *e;

	if (since < db->oldest)
		return (-1);
	for (i = 0; i < db->hlen; i++) {
		e = &db->hist[(db->hstart + i) % db->hcap];
		if (e->rv <= since)
			continue;
		if (fn(e, arg) != 0)
			break;
	}
	return (0);
}
