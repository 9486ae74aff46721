/*
 * test-yaml.c: YAML output, quoting, and that secret values never appear.
 */
#include <stdlib.h>
#include <string.h>

#include "scs/util.h"
#include "scs/yaml.h"
#include "../tap.h"

int
main(void)
{
	cJSON		*o;
	char		*y, *cause = NULL;
	const char	*reveal[] = { "cloudName", NULL };

	o = cJSON_Parse("{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\","
	    "\"kind\":\"Cluster\",\"metadata\":{\"name\":\"a\",\"labels\":"
	    "{\"x\":\"true\",\"num\":\"007\"}},\"spec\":{\"replicas\":3,"
	    "\"paused\":false,\"list\":[\"a\",\"b: c\"],\"text\":\"line1\\n"
	    "line2\\n\",\"empty\":\"\"}}");
	y = scs_yaml_emit(o, 0, NULL, &cause);
	ok(y != NULL, "emits");
	ok(strstr(y, "kind: Cluster\n") != NULL, "plain scalar");
	ok(strstr(y, "x: \"true\"") != NULL, "string true is quoted");
	ok(strstr(y, "num: \"007\"") != NULL, "numeric-looking string quoted");
	ok(strstr(y, "replicas: 3\n") != NULL, "number plain");
	ok(strstr(y, "paused: false\n") != NULL, "bool plain");
	ok(strstr(y, "- \"b: c\"") != NULL, "colon-space quoted");
	ok(strstr(y, "text: |") != NULL, "multi-line as a literal block");
	ok(strstr(y, "empty: \"\"") != NULL, "empty string quoted");
	free(y);
	cJSON_Delete(o);

	o = cJSON_Parse("{\"apiVersion\":\"v1\",\"kind\":\"Secret\","
	    "\"metadata\":{\"name\":\"openstack\",\"annotations\":{"
	    "\"kubectl.kubernetes.io/last-applied-configuration\":"
	    "\"{\\\"data\\\":{\\\"clouds.yaml\\\":\\\"c2VjcmV0LXNzaA==\\\"}}\"}},"
	    "\"data\":{\"clouds.yaml\":\"c2VjcmV0LXNzaA==\",\"cloudName\":"
	    "\"b3BlbnN0YWNr\"},\"stringData\":{\"token\":\"plain-secret\"}}");
	y = scs_yaml_emit(o, 0, NULL, &cause);
	ok(strstr(y, "c2VjcmV0LXNzaA==\n") == NULL &&
	    strstr(y, "clouds.yaml: \"<hidden") != NULL, "data value masked");
	ok(strstr(y, "plain-secret") == NULL, "stringData masked");
	ok(strstr(y, "b3BlbnN0YWNr") == NULL, "every key masked");
	free(y);
	y = scs_yaml_emit(o, 0, reveal, &cause);
	ok(strstr(y, "b3BlbnN0YWNr") != NULL, "a revealed key is shown");
	ok(strstr(y, "clouds.yaml: \"<hidden") != NULL,
	    "others stay masked");
	free(y);
	y = scs_yaml_emit(o, SCS_YAML_REDACT, reveal, &cause);
	ok(strstr(y, "b3BlbnN0YWNr") == NULL, "redact refuses reveals");
	ok(strstr(y, "c2VjcmV0LXNzaA") == NULL,
	    "redact hides last-applied-configuration");
	free(y);
	cJSON_Delete(o);
	return (tap_done());
}
