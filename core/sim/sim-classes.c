/*
 * sim-classes.c: ClusterClass variable definitions for the simulated
 * cluster stacks, modelled on SCS cluster-stacks openstack-scs2 (camelCase)
 * and openstack-scs (snake_case), quirks included: format on an array,
 * required on an array schema, choices only in the example, nested
 * defaults in identityRef; and Cluster API's own quick-start class.
 */
#include <string.h>

#include "sim-world.h"

static const char scs2_variables[] =
"["
"{\"name\":\"controlPlaneFlavor\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"default\":\"SCS-2V-4\",\"example\":\"SCS-2V-4-20s\","
"  \"description\":\"OpenStack flavor of the control plane servers.\"}}},"
"{\"name\":\"controlPlaneRootDisk\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"integer\",\"default\":50,\"minimum\":10,\"example\":25,"
"  \"description\":\"Root disk size of control plane servers in GiB (0 = use the flavor's disk).\"}}},"
"{\"name\":\"workerFlavor\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"default\":\"SCS-4V-8\",\"example\":\"SCS-4V-8\","
"  \"description\":\"OpenStack flavor of the worker servers.\"}}},"
"{\"name\":\"workerRootDisk\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"integer\",\"default\":50,\"minimum\":10,\"example\":25,"
"  \"description\":\"Root disk size of worker servers in GiB.\"}}},"
"{\"name\":\"networkExternalID\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"format\":\"uuid\",\"example\":\"ebfe5546-f09f-4f42-ab54-094e457d42ec\","
"  \"description\":\"ID of the external network; empty means the only one there is.\"}}},"
"{\"name\":\"nodeCIDR\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"format\":\"cidr\",\"default\":\"10.8.0.0/20\","
"  \"description\":\"Subnet of the cluster nodes.\"}}},"
"{\"name\":\"dnsNameservers\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"array\",\"items\":{\"type\":\"string\",\"format\":\"ipv4\"},"
"  \"default\":[\"9.9.9.9\",\"149.112.112.112\"],"
"  \"description\":\"DNS servers for the node subnet.\"}}},"
"{\"name\":\"apiServerLoadBalancer\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"default\":\"octavia-ovn\",\"example\":\"none, octavia-amphora, octavia-ovn\","
"  \"description\":\"Load balancer in front of the API server.\"}}},"
"{\"name\":\"securityGroupIDs\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"array\",\"format\":\"uuid4\",\"items\":{\"type\":\"string\"},\"default\":[],"
"  \"description\":\"Extra security groups (IDs) for all servers.\"}}},"
"{\"name\":\"workerAdditionalBlockDevices\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"array\",\"required\":[\"name\"],\"default\":[],\"items\":{\"type\":\"object\","
"  \"properties\":{\"name\":{\"type\":\"string\",\"description\":\"Device name.\"},"
"  \"sizeGiB\":{\"type\":\"integer\",\"minimum\":1},"
"  \"type\":{\"type\":\"string\",\"default\":\"__DEFAULT__\"}}},"
"  \"description\":\"Additional volumes for worker servers.\"}}},"
"{\"name\":\"sshKeyName\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"default\":\"\",\"example\":\"capi-keypair\","
"  \"description\":\"OpenStack keypair for ssh access to the servers.\"}}},"
"{\"name\":\"identityRef\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"object\",\"default\":{},\"properties\":{"
"  \"name\":{\"type\":\"string\",\"default\":\"openstack\",\"description\":\"Secret with the clouds.yaml.\"},"
"  \"cloudName\":{\"type\":\"string\",\"default\":\"openstack\",\"description\":\"Cloud in the clouds.yaml.\"}},"
"  \"description\":\"Credentials used by the OpenStack provider.\"}}},"
"{\"name\":\"oidcConfig\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"object\",\"properties\":{"
"  \"issuerURL\":{\"type\":\"string\",\"example\":\"https://dex.example.com\"},"
"  \"clientID\":{\"type\":\"string\",\"example\":\"kubectl\"},"
"  \"usernameClaim\":{\"type\":\"string\",\"default\":\"preferred_username\"},"
"  \"groupsClaim\":{\"type\":\"string\",\"default\":\"groups\"}},"
"  \"required\":[\"issuerURL\",\"clientID\"],"
"  \"description\":\"OIDC login for the API server.\"}}}"
"]";

static const char scs_variables[] =
"["
"{\"name\":\"controller_flavor\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"default\":\"SCS-2V-4-20s\",\"description\":\"Flavor of the control plane servers.\"}}},"
"{\"name\":\"worker_flavor\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"default\":\"SCS-2V-4\",\"description\":\"Flavor of the worker servers.\"}}},"
"{\"name\":\"worker_root_disk\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"integer\",\"default\":25,\"minimum\":10,\"description\":\"Root disk of workers in GiB.\"}}},"
"{\"name\":\"external_id\",\"required\":true,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"format\":\"uuid\",\"description\":\"ID of the external network.\"}}},"
"{\"name\":\"apiserver_loadbalancer\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"enum\":[\"none\",\"octavia-amphora\",\"octavia-ovn\"],"
"  \"default\":\"octavia-amphora\",\"description\":\"Load balancer in front of the API server.\"}}},"
"{\"name\":\"dns_nameservers\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":1,"
"  \"default\":[\"5.1.66.255\",\"185.150.99.255\"],\"description\":\"DNS servers.\"}}},"
"{\"name\":\"node_cidr\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"format\":\"cidr\",\"default\":\"10.8.0.0/20\",\"description\":\"Node subnet.\"}}},"
"{\"name\":\"etcd_defrag\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"boolean\",\"default\":true,\"description\":\"Defragment etcd every night.\"}}}"
"]";

static const char docker_variables[] =
"["
"{\"name\":\"workerReplicasHint\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"integer\",\"minimum\":0,\"maximum\":10,\"default\":1,\"description\":\"Hint for tooling.\"}}},"
"{\"name\":\"imageRepository\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"default\":\"registry.k8s.io\",\"pattern\":\"^[a-z0-9.-]+(/[a-z0-9._-]+)*$\","
"  \"description\":\"Registry for the Kubernetes images.\"}}}"
"]";

/* Cluster API's quick-start ClusterClass (a class no cluster stack
 * describes): required variables with "" defaults, an optional object
 * with nested defaults. */
static const char capi_variables[] =
"["
"{\"name\":\"imageRepository\",\"required\":true,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"default\":\"\",\"example\":\"registry.k8s.io\","
"  \"description\":\"imageRepository sets the container registry to pull images from. If empty, nothing will be set and the from of kubeadm will be used.\"}}},"
"{\"name\":\"etcdImageTag\",\"required\":true,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"default\":\"\",\"example\":\"3.5.3-0\","
"  \"description\":\"etcdImageTag sets the tag for the etcd image.\"}}},"
"{\"name\":\"coreDNSImageTag\",\"required\":true,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"string\",\"default\":\"\",\"example\":\"v1.8.5\","
"  \"description\":\"coreDNSImageTag sets the tag for the coreDNS image.\"}}},"
"{\"name\":\"podSecurityStandard\",\"required\":false,\"schema\":{\"openAPIV3Schema\":"
" {\"type\":\"object\",\"properties\":{"
"  \"enabled\":{\"type\":\"boolean\",\"default\":true,\"description\":\"enabled enables the patches to enable Pod Security Standard via AdmissionConfiguration.\"},"
"  \"enforce\":{\"type\":\"string\",\"default\":\"baseline\",\"description\":\"enforce sets the level for the enforce PodSecurityConfiguration mode. One of privileged, baseline, restricted.\"},"
"  \"audit\":{\"type\":\"string\",\"default\":\"restricted\",\"description\":\"audit sets the level for the audit PodSecurityConfiguration mode. One of privileged, baseline, restricted.\"},"
"  \"warn\":{\"type\":\"string\",\"default\":\"restricted\",\"description\":\"warn sets the level for the warn PodSecurityConfiguration mode. One of privileged, baseline, restricted.\"}}}}}"
"]";

cJSON *
sim_class_variables(const char *stack)
{
	if (strcmp(stack, "capi") == 0)
		return (cJSON_Parse(capi_variables));
	if (strcmp(stack, "scs2") == 0)
		return (cJSON_Parse(scs2_variables));
	if (strcmp(stack, "scs") == 0)
		return (cJSON_Parse(scs_variables));
	return (cJSON_Parse(docker_variables));
}
