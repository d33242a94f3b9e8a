#!/usr/bin/env python3
"""Regenerates Sources/RudderChart/Lint/APIDeprecations+Table.swift from the
reference Helm: one template per candidate (apiVersion, kind) of the built-in
Kubernetes APIs is linted with `--kube-version 1.999`, and every deprecation
warning Helm prints (`<gv> <kind> is deprecated in vX.Y+, unavailable in
vA.B+; use <gv> <kind>`) becomes a row of the table. Candidates Helm does not
warn about are not registered in Helm's scheme (or not deprecated) and are left out.

Run from anywhere: python3 scripts/lint-deprecations.py
"""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

WORKLOADS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision", "Scale", "DeploymentRollback"]
ADMISSION = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy",
             "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding"]
RBAC = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]
RESOURCE = ["ResourceClaim", "ResourceClaimTemplate", "DeviceClass", "ResourceSlice", "DeviceTaintRule",
            "PodSchedulingContext", "ResourceClass", "ResourceClaimParameters", "ResourceClassParameters"]
FLOW = ["FlowSchema", "PriorityLevelConfiguration"]
STORAGE = ["StorageClass", "VolumeAttachment", "CSIDriver", "CSINode", "CSIStorageCapacity", "VolumeAttributesClass"]
AUTHZ = ["SubjectAccessReview", "SelfSubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectRulesReview"]

CANDIDATES = {
    "extensions/v1beta1": WORKLOADS + ["Ingress", "NetworkPolicy", "PodSecurityPolicy", "ReplicationControllerDummy"],
    "apps/v1beta1": WORKLOADS,
    "apps/v1beta2": WORKLOADS,
    "apps/v1": WORKLOADS,
    "batch/v1beta1": ["CronJob", "JobTemplate"],
    "batch/v2alpha1": ["CronJob", "JobTemplate"],
    "batch/v1": ["CronJob", "Job"],
    "autoscaling/v1": ["HorizontalPodAutoscaler", "Scale"],
    "autoscaling/v2": ["HorizontalPodAutoscaler"],
    "autoscaling/v2beta1": ["HorizontalPodAutoscaler"],
    "autoscaling/v2beta2": ["HorizontalPodAutoscaler"],
    "policy/v1beta1": ["PodDisruptionBudget", "PodSecurityPolicy", "Eviction"],
    "policy/v1": ["PodDisruptionBudget", "Eviction"],
    "networking.k8s.io/v1": ["Ingress", "IngressClass", "NetworkPolicy", "IPAddress", "ServiceCIDR"],
    "networking.k8s.io/v1beta1": ["Ingress", "IngressClass", "IPAddress", "ServiceCIDR"],
    "networking.k8s.io/v1alpha1": ["IPAddress", "ServiceCIDR", "ClusterCIDR"],
    "rbac.authorization.k8s.io/v1": RBAC,
    "rbac.authorization.k8s.io/v1beta1": RBAC,
    "rbac.authorization.k8s.io/v1alpha1": RBAC,
    "storage.k8s.io/v1": STORAGE,
    "storage.k8s.io/v1beta1": STORAGE,
    "storage.k8s.io/v1alpha1": STORAGE,
    "scheduling.k8s.io/v1": ["PriorityClass"],
    "scheduling.k8s.io/v1beta1": ["PriorityClass"],
    "scheduling.k8s.io/v1alpha1": ["PriorityClass", "Workload"],
    "admissionregistration.k8s.io/v1": ADMISSION,
    "admissionregistration.k8s.io/v1beta1": ADMISSION,
    "admissionregistration.k8s.io/v1alpha1": ADMISSION,
    "apiextensions.k8s.io/v1": ["CustomResourceDefinition"],
    "apiextensions.k8s.io/v1beta1": ["CustomResourceDefinition"],
    "apiregistration.k8s.io/v1beta1": ["APIService"],
    "certificates.k8s.io/v1": ["CertificateSigningRequest"],
    "certificates.k8s.io/v1beta1": ["CertificateSigningRequest", "ClusterTrustBundle", "PodCertificateRequest"],
    "certificates.k8s.io/v1alpha1": ["ClusterTrustBundle", "PodCertificateRequest"],
    "coordination.k8s.io/v1": ["Lease"],
    "coordination.k8s.io/v1beta1": ["Lease", "LeaseCandidate"],
    "coordination.k8s.io/v1alpha1": ["LeaseCandidate"],
    "coordination.k8s.io/v1alpha2": ["LeaseCandidate"],
    "discovery.k8s.io/v1": ["EndpointSlice"],
    "discovery.k8s.io/v1beta1": ["EndpointSlice"],
    "events.k8s.io/v1": ["Event"],
    "events.k8s.io/v1beta1": ["Event"],
    "flowcontrol.apiserver.k8s.io/v1": FLOW,
    "flowcontrol.apiserver.k8s.io/v1beta1": FLOW,
    "flowcontrol.apiserver.k8s.io/v1beta2": FLOW,
    "flowcontrol.apiserver.k8s.io/v1beta3": FLOW,
    "flowcontrol.apiserver.k8s.io/v1alpha1": FLOW,
    "node.k8s.io/v1": ["RuntimeClass"],
    "node.k8s.io/v1beta1": ["RuntimeClass"],
    "node.k8s.io/v1alpha1": ["RuntimeClass"],
    "authentication.k8s.io/v1": ["TokenReview", "TokenRequest", "SelfSubjectReview"],
    "authentication.k8s.io/v1beta1": ["TokenReview", "SelfSubjectReview"],
    "authentication.k8s.io/v1alpha1": ["SelfSubjectReview"],
    "authorization.k8s.io/v1": AUTHZ,
    "authorization.k8s.io/v1beta1": AUTHZ,
    "settings.k8s.io/v1alpha1": ["PodPreset"],
    "resource.k8s.io/v1": RESOURCE,
    "resource.k8s.io/v1beta1": RESOURCE,
    "resource.k8s.io/v1beta2": RESOURCE,
    "resource.k8s.io/v1alpha2": RESOURCE,
    "resource.k8s.io/v1alpha3": RESOURCE,
    "internal.apiserver.k8s.io/v1alpha1": ["StorageVersion"],
    "storagemigration.k8s.io/v1alpha1": ["StorageVersionMigration"],
    "storagemigration.k8s.io/v1beta1": ["StorageVersionMigration"],
    "imagepolicy.k8s.io/v1alpha1": ["ImageReview"],
    "v1": ["Pod", "Service", "ComponentStatus", "Endpoints", "ConfigMap", "Secret", "ReplicationController",
           "Namespace", "Node", "PersistentVolume", "PersistentVolumeClaim", "PodTemplate", "Binding",
           "LimitRange", "ResourceQuota", "ServiceAccount", "Event", "RangeAllocation"],
}

PATTERN = re.compile(r"^\[WARNING\] templates/t(\d+)\.yaml: (\S+) (\S+) is deprecated in v(\d+)\.(\d+)\+"
                     r"(?:, unavailable in v(\d+)\.(\d+)\+)?(?:; use (\S+) (\S+))?$")


def main():
    # Every kind comes with its list kind (`DeploymentList`), registered beside it.
    pairs = [(gv, kind + suffix) for gv, kinds in CANDIDATES.items() for kind in kinds for suffix in ("", "List")]
    with tempfile.TemporaryDirectory() as tmp:
        chart = os.path.join(tmp, "deprecations")
        files = {"Chart.yaml": "apiVersion: v2\nname: deprecations\nversion: 0.1.0\nicon: https://example.com/i.png\n",
                 "values.yaml": "{}\n"}
        for index, (gv, kind) in enumerate(pairs):
            files["templates/t%d.yaml" % index] = (
                "apiVersion: %s\nkind: %s\nmetadata:\n  name: x\nspec:\n  selector:\n    matchLabels: {a: b}\n" % (gv, kind))
        goldenlib.write_chart(chart, files)
        rc, out, err = goldenlib.run_helm(["lint", chart, "--kube-version", "1.999"])
    rows = []
    for line in out.decode().splitlines():
        m = PATTERN.match(line)
        if not m:
            continue
        index, gv, kind, dmaj, dmin, rmaj, rmin, rgv, rkind = m.groups()
        assert (gv, kind) == pairs[int(index)], line
        rows.append((gv, kind, int(dmaj), int(dmin), int(rmaj or 0), int(rmin or 0), rgv or "", rkind or ""))
    rows.sort()
    out_lines = [
        "// Generated by scripts/lint-deprecations.py from the reference Helm 4.1.4: do not edit.",
        "",
        "extension APIDeprecations {",
        "    /// Every built-in API Helm 4.1.4 reports as deprecated: group/version, kind,",
        "    /// deprecated in (major, minor), removed in (0, 0 when unknown), replacement.",
        "    static let table: [Entry] = [",
    ]
    for gv, kind, dmaj, dmin, rmaj, rmin, rgv, rkind in rows:
        out_lines.append('        Entry(%s, %s, deprecated: (%d, %d), removed: (%d, %d), replacement: %s),' % (
            swift_string(gv), swift_string(kind), dmaj, dmin, rmaj, rmin,
            swift_string(rgv + " " + rkind) if rgv else "nil"))
    out_lines += ["    ]", "}", ""]
    path = os.path.join(goldenlib.ROOT, "Sources", "RudderChart", "Lint", "APIDeprecations+Table.swift")
    with open(path, "w") as f:
        f.write("\n".join(out_lines))
    print("wrote %s (%d deprecated APIs of %d candidates)" % (os.path.relpath(path, goldenlib.ROOT), len(rows), len(pairs)))


def swift_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    main()
