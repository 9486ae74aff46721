/*
 * model-names.c: cluster-stacks naming and upgrade rules (DOMAIN.md
 * section 5), the Kubernetes version policy (scs-0210), secret roles
 * (section 4) and persona detection (DESIGN.md section 3).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scs/model.h"
#include "scs/util.h"

/* --- ClusterClass names -------------------------------------------- */

static int
all_digits(const char *s, size_t n)
{
	size_t	 i;

	if (n == 0 || n > 4)
		return (0);
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return (0);
	}
	return (1);
}

int
scs_class_name_parse(const char *name, struct scs_class_name *cn)
{
	const char	*part[8];
	size_t		 len[8], n = 0, i;
	const char	*p = name, *dash;

	memset(cn, 0, sizeof *cn);
	if (name == NULL || *name == '\0')
		return (-1);
	/* Split on '-' into at most 8 parts. */
	for (;;) {
		if (n == 8)
			return (-1);
		dash = strchr(p, '-');
		part[n] = p;
		len[n] = dash != NULL ? (size_t)(dash - p) : strlen(p);
		n++;
		if (dash == NULL)
			break;
		p = dash + 1;
	}
	/* p-n-MAJ-MIN-vX or p-n-MAJ-MIN-vX-pre (the pre-release may hold
	 * dots but no dashes). */
	if (n != 5 && n != 6)
		return (-1);
	for (i = 0; i < n; i++) {
		if (len[i] == 0 || len[i] >= sizeof cn->provider)
			return (-1);
	}
	if (!all_digits(part[2], len[2]) || !all_digits(part[3], len[3]))
		return (-1);
	if (part[4][0] != 'v' || !all_digits(part[4] + 1, len[4] - 1))
		return (-1);
	memcpy(cn->provider, part[0], len[0]);
	memcpy(cn->stack, part[1], len[1]);
	cn->major = atoi(part[2]);
	cn->minor = atoi(part[3]);
	snprintf(cn->version, sizeof cn->version, "%.*s%s%.*s", (int)len[4],
	    part[4], n == 6 ? "-" : "", n == 6 ? (int)len[5] : 0,
	    n == 6 ? part[5] : "");
	return (0);
}

int
scs_class_name_cmp(const struct scs_class_name *a,
    const struct scs_class_name *b)
{
	if (a->major != b->major)
		return (a->major < b->major ? -1 : 1);
	if (a->minor != b->minor)
		return (a->minor < b->minor ? -1 : 1);
	return (scs_stack_version_cmp(a->version, b->version));
}

/*
 * "v2" > "v1"; a release beats its pre-releases ("v1" > "v1-alpha.0");
 * pre-releases compare by their text, numbers numerically.
 */
int
scs_stack_version_cmp(const char *a, const char *b)
{
	long		 na, nb;
	const char	*pa, *pb;

	if (*a == 'v')
		a++;
	if (*b == 'v')
		b++;
	na = strtol(a, (char **)&pa, 10);
	nb = strtol(b, (char **)&pb, 10);
	if (na != nb)
		return (na < nb ? -1 : 1);
	if (*pa == '\0' || *pb == '\0')
		return (*pa == *pb ? 0 : *pa == '\0' ? 1 : -1);
	/* Both pre-releases: compare "-alpha.3" piecewise. */
	while (*pa != '\0' && *pb != '\0') {
		if (isdigit((unsigned char)*pa) && isdigit((unsigned char)*pb)) {
			na = strtol(pa, (char **)&pa, 10);
			nb = strtol(pb, (char **)&pb, 10);
			if (na != nb)
				return (na < nb ? -1 : 1);
			continue;
		}
		if (*pa != *pb)
			return ((unsigned char)*pa < (unsigned char)*pb ? -1 : 1);
		pa++;
		pb++;
	}
	return (*pa == *pb ? 0 : *pa == '\0' ? -1 : 1);
}

char *
scs_release_name(const char *class_name)
{
	char	*s, *p;

	s = scs_xstrdup(class_name);
	for (p = s; *p != '\0'; p++) {
		if (*p == '.')
			*p = '-';
	}
	return (s);
}

void
scs_k8s_version_norm(const char *v, char *out, size_t len)
{
	if (v == NULL || *v == '\0') {
		scs_strlcpy(out, "", len);
		return;
	}
	snprintf(out, len, "%s%s", *v == 'v' ? "" : "v", v);
}

int
scs_k8s_version_valid(const char *v)
{
	int	 part;
	size_t	 n;

	if (v == NULL)
		return (0);
	if (*v == 'v')
		v++;
	for (part = 0; part < 3; part++) {
		n = strspn(v, "0123456789");
		/* No leading zeros, as semver says. */
		if (n == 0 || (n > 1 && *v == '0'))
			return (0);
		v += n;
		if (part < 2 && *v++ != '.')
			return (0);
	}
	if (*v == '-' || *v == '+') {
		v++;
		n = strspn(v, "0123456789abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ.-+");
		return (n > 0 && v[n] == '\0');
	}
	return (*v == '\0');
}

int
scs_upgrade_allowed(const char *from, const char *to, const char **why)
{
	struct scs_class_name	 a, b;

	*why = NULL;
	if (scs_class_name_parse(from, &a) != 0) {
		*why = "the cluster's class does not follow the cluster-stacks "
		    "naming";
		return (0);
	}
	if (scs_class_name_parse(to, &b) != 0) {
		*why = "not a cluster-stacks class name";
		return (0);
	}
	if (strcmp(a.provider, b.provider) != 0) {
		*why = "another provider";
		return (0);
	}
	if (strcmp(a.stack, b.stack) != 0) {
		*why = "another cluster stack";
		return (0);
	}
	if (b.major != a.major || b.minor < a.minor) {
		*why = "older Kubernetes minor";
		return (0);
	}
	if (b.minor > a.minor + 1) {
		*why = "skips a Kubernetes minor (at most one at a time)";
		return (0);
	}
	if (b.minor == a.minor &&
	    scs_stack_version_cmp(b.version, a.version) <= 0) {
		*why = strcmp(from, to) == 0 ? "current class" :
		    "not newer than the current class";
		return (0);
	}
	return (1);
}

/* --- Kubernetes version policy ------------------------------------- */

/* From SovereignCloudStack/standards (scs-0210), newest first; the
 * patch is the latest this build knows (a suggestion, not a rule). */
static const struct scs_eol eol_table[] = {
	{ 1, 36, "2027-06-28", 2 },
	{ 1, 35, "2027-02-28", 5 },
	{ 1, 34, "2026-10-27", 9 },
	{ 1, 33, "2026-06-28", 12 },
	{ 1, 32, "2026-02-28", 13 },
	{ 1, 31, "2025-10-28", 14 },
	{ 1, 30, "2025-06-28", 14 },
	{ 1, 29, "2025-02-28", 15 },
	{ 1, 28, "2024-10-28", 15 },
	{ 1, 27, "2024-06-28", 16 },
	{ 1, 26, "2024-02-28", 15 },
	{ 1, 25, "2023-10-28", 16 },
};

const struct scs_eol *
scs_eol_table(size_t *n)
{
	*n = sizeof eol_table / sizeof eol_table[0];
	return (eol_table);
}

enum scs_version_state
scs_version_state(const char *v, int64_t now)
{
	int		 major, minor;
	size_t		 i;
	char		 ts[32];
	int64_t		 eol;

	if (v == NULL)
		return (SCS_VERSION_UNKNOWN);
	if (*v == 'v')
		v++;
	if (sscanf(v, "%d.%d", &major, &minor) != 2)
		return (SCS_VERSION_UNKNOWN);
	for (i = 0; i < sizeof eol_table / sizeof eol_table[0]; i++) {
		if (eol_table[i].major != major || eol_table[i].minor != minor)
			continue;
		snprintf(ts, sizeof ts, "%sT00:00:00Z",
		    eol_table[i].end_of_life);
		eol = scs_parse_rfc3339(ts);
		if (now >= eol)
			return (SCS_VERSION_EOL);
		if (now >= eol - 60 * 86400)
			return (SCS_VERSION_EOL_SOON);
		return (SCS_VERSION_OK);
	}
	/* Older than the table: long past end of life. */
	if (major == 1 && minor < eol_table[sizeof eol_table /
	    sizeof eol_table[0] - 1].minor)
		return (SCS_VERSION_EOL);
	return (SCS_VERSION_UNKNOWN);
}

/* --- secrets --------------------------------------------------------- */

static int
has_key(const char *keys, const char *key)
{
	size_t		 n = strlen(key);
	const char	*p = keys;

	while ((p = strstr(p, key)) != NULL) {
		if ((p == keys || p[-1] == ',') && (p[n] == ',' ||
		    p[n] == '\0'))
			return (1);
		p += n;
	}
	return (0);
}

const char *
scs_secret_role(const char *name, const char *type, const char *keys)
{
	if (type == NULL)
		type = "";
	if (keys == NULL)
		keys = "";
	if (scs_strsuffix(name, "-kubeconfig") && has_key(keys, "value"))
		return ("kubeconfig");
	if (has_key(keys, "clouds.yaml") || has_key(keys, "clouds.json") ||
	    has_key(keys, "cloud-config-secret"))
		return (strcmp(type, "addons.cluster.x-k8s.io/resource-set") ==
		    0 ? "resource-set" : "cloud-credentials");
	if (strcmp(type, "addons.cluster.x-k8s.io/resource-set") == 0)
		return ("resource-set");
	if (scs_strsuffix(name, "-ca"))
		return ("ca");
	if (scs_strsuffix(name, "-etcd") || scs_strsuffix(name, "-sa") ||
	    scs_strsuffix(name, "-proxy") ||
	    scs_strsuffix(name, "-apiserver-etcd-client"))
		return ("cluster-pki");
	if (has_key(keys, "kubeconfig"))
		return ("kubeconfig");
	if (strcmp(type, "kubernetes.io/service-account-token") == 0)
		return ("token");
	if (strcmp(type, "kubernetes.io/tls") == 0)
		return ("tls");
	if (has_key(keys, "git-access-token") ||
	    has_key(keys, "oci-access-token") || has_key(keys, "oci-password"))
		return ("release-source");
	return ("other");
}

/* --- personas -------------------------------------------------------- */

static const char *const persona_names[] = { "tenant", "kaas", "iaas" };

const char *
scs_persona_name(enum scs_persona p)
{
	if ((unsigned)p > SCS_PERSONA_IAAS)
		return ("tenant");
	return (persona_names[p]);
}

int
scs_persona_parse(const char *s, enum scs_persona *p)
{
	size_t	 i;

	for (i = 0; i < 3; i++) {
		if (strcmp(s, persona_names[i]) == 0) {
			*p = (enum scs_persona)i;
			return (0);
		}
	}
	return (-1);
}

enum scs_persona
scs_persona_detect(const struct scs_access *a)
{
	if (a->list_secrets_all || a->list_providerconfigs)
		return (SCS_PERSONA_IAAS);
	if (a->list_clusterstacks_all)
		return (SCS_PERSONA_KAAS);
	return (SCS_PERSONA_TENANT);
}

int
scs_review_allowed(const cJSON *review)
{
	const cJSON	*st = cJSON_GetObjectItemCaseSensitive(review, "status");

	return (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(st, "allowed")));
}
