/*
 * sim-schemas.c: the structural schemas of CRDs the simulator serves
 * with their real shape, as their openAPIV3Schema (JSON text). The
 * server publishes them in /openapi/v2 and /openapi/v3 (forms read them
 * from there), defaults and validates writes against them (sim-admit.c),
 * as kube-apiserver does for a CRD. Kinds without one are served as
 * objects that keep any field.
 *
 * ClusterStack: clusterstack.x-k8s.io/v1alpha1 of the cluster-stack
 * operator (config/crd/bases/clusterstack.x-k8s.io_clusterstacks.yaml,
 * controller-gen v0.16.2; Apache-2.0), spec and status as there, long
 * descriptions of the object reference shortened.
 */
#include <string.h>

#include "sim-int.h"

static const char clusterstack[] =
"{\"description\":\"ClusterStack is the Schema for the clusterstacks API.\","
"\"type\":\"object\",\"properties\":{"
"\"apiVersion\":{\"description\":\"APIVersion defines the versioned schema of "
"this representation of an object.\",\"type\":\"string\"},"
"\"kind\":{\"description\":\"Kind is a string value representing the REST "
"resource this object represents.\",\"type\":\"string\"},"
"\"metadata\":{\"type\":\"object\"},"
"\"spec\":{\"description\":\"ClusterStackSpec defines the desired state of "
"ClusterStack.\",\"type\":\"object\","
"\"required\":[\"kubernetesVersion\",\"name\",\"provider\"],"
"\"properties\":{"
"\"autoSubscribe\":{\"default\":true,\"description\":\"AutoSubscribe is a "
"feature where the operator checks automatically if there are new versions "
"of this cluster stack available.\",\"type\":\"boolean\"},"
"\"channel\":{\"default\":\"stable\",\"description\":\"Channel specifies the "
"release channel of the cluster stack. Defaults to 'stable'.\","
"\"enum\":[\"stable\",\"custom\"],\"type\":\"string\"},"
"\"kubernetesVersion\":{\"description\":\"KubernetesVersion is the Kubernetes "
"version in the format '<majorVersion>.<minorVersion>', e.g. 1.26.\","
"\"pattern\":\"^\\\\d\\\\.\\\\d+$\",\"type\":\"string\"},"
"\"name\":{\"description\":\"Name is the name of the cluster stack.\","
"\"minLength\":1,\"type\":\"string\"},"
"\"noProvider\":{\"default\":false,\"description\":\"NoProvider indicates if "
"set on true that there is no provider-specific implementation and "
"operator.\",\"type\":\"boolean\"},"
"\"provider\":{\"description\":\"Provider is the name of the cluster stack "
"provider.\",\"minLength\":1,\"type\":\"string\"},"
"\"providerRef\":{\"description\":\"ProviderRef has to reference the "
"ProviderClusterStackReleaseTemplate that contains all provider-specific "
"information.\",\"type\":\"object\",\"x-kubernetes-map-type\":\"atomic\","
"\"properties\":{"
"\"apiVersion\":{\"description\":\"API version of the referent.\","
"\"type\":\"string\"},"
"\"fieldPath\":{\"description\":\"If referring to a piece of an object "
"instead of an entire object, this string should contain a valid JSON/Go "
"field access statement.\",\"type\":\"string\"},"
"\"kind\":{\"description\":\"Kind of the referent.\",\"type\":\"string\"},"
"\"name\":{\"description\":\"Name of the referent.\",\"type\":\"string\"},"
"\"namespace\":{\"description\":\"Namespace of the referent.\","
"\"type\":\"string\"},"
"\"resourceVersion\":{\"description\":\"Specific resourceVersion to which "
"this reference is made, if any.\",\"type\":\"string\"},"
"\"uid\":{\"description\":\"UID of the referent.\",\"type\":\"string\"}}},"
"\"versions\":{\"description\":\"Versions is a list of version of the "
"cluster stack that should be available in the management cluster.\\n"
"A version has to have the format 'v<versionNumber>', e.g. v1 for stable "
"channel or, v1-alpha.1 for alpha channel.\\nThe versions have to "
"correspond to the channel property.\",\"items\":{\"type\":\"string\"},"
"\"type\":\"array\"}}},"
"\"status\":{\"description\":\"ClusterStackStatus defines the observed state "
"of ClusterStack.\",\"type\":\"object\",\"properties\":{"
"\"conditions\":{\"description\":\"Conditions provide observations of the "
"operational state of a Cluster API resource.\",\"type\":\"array\","
"\"items\":{\"type\":\"object\","
"\"required\":[\"lastTransitionTime\",\"status\",\"type\"],"
"\"properties\":{"
"\"lastTransitionTime\":{\"format\":\"date-time\",\"type\":\"string\"},"
"\"message\":{\"type\":\"string\"},\"reason\":{\"type\":\"string\"},"
"\"severity\":{\"type\":\"string\"},\"status\":{\"type\":\"string\"},"
"\"type\":{\"type\":\"string\"}}}},"
"\"latestRelease\":{\"type\":\"string\"},"
"\"summary\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
"\"required\":[\"name\",\"phase\",\"ready\"],\"properties\":{"
"\"message\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},"
"\"phase\":{\"type\":\"string\"},\"ready\":{\"type\":\"boolean\"}}}},"
"\"usableVersions\":{\"type\":\"string\"}}}}}";

const char *
sim_resource_schema(const struct sim_resdef *r)
{
	if (strcmp(r->group, "clusterstack.x-k8s.io") == 0 &&
	    strcmp(r->plural, "clusterstacks") == 0)
		return (clusterstack);
	return (NULL);
}
