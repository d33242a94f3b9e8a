#!/usr/bin/env python3
"""Writes charts/<chart>/values.schema.json for the bundled charts.

The schemas are written from the Python description below so that both charts
share their building blocks (image, resources, ingress, network policy, ...).
Every object rejects unknown keys, so a typo in a department file fails with
the key's path. Run `python3 scripts/charts-schema.py` after editing, or with
`--check` to fail when a committed schema differs from what this script writes.
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"


def typed(kind, description, **extra):
    node = {"type": kind, "description": description}
    node.update(extra)
    return node


def string(description, **extra):
    return typed("string", description, **extra)


def integer(description, **extra):
    return typed("integer", description, **extra)


def boolean(description):
    return typed("boolean", description)


def obj(description, properties, **extra):
    node = {"type": "object", "description": description, "additionalProperties": False, "properties": properties}
    node.update(extra)
    return node


def free_map(description, value=None):
    node = {"type": "object", "description": description}
    if value is not None:
        node["additionalProperties"] = value
    return node


def array(description, items=None, **extra):
    node = {"type": "array", "description": description}
    if items is not None:
        node["items"] = items
    node.update(extra)
    return node


QUANTITY = {"type": ["string", "integer", "number"], "description": "A Kubernetes quantity such as 500m, 2 or 4Gi."}
LABELS = free_map("Kubernetes labels: names to string values.", {"type": "string"})


def image(description, repository):
    return obj(description, {
        "repository": string(repository, minLength=1),
        "tag": string("Image tag; empty uses the chart's appVersion."),
        "pullPolicy": string("Image pull policy.", enum=["Always", "IfNotPresent", "Never"]),
    })


def resources(description):
    return obj(description, {
        "requests": free_map("Resource requests, e.g. {cpu: 500m, memory: 4Gi}.", QUANTITY),
        "limits": free_map("Resource limits, e.g. {cpu: 2, memory: 8Gi}.", QUANTITY),
    })


PORTS = array("Ports, each {port, protocol}.", {
    "type": "object", "required": ["port"], "additionalProperties": False,
    "properties": {
        "port": integer("Port number.", minimum=1, maximum=65535),
        "protocol": string("Protocol.", enum=["TCP", "UDP", "SCTP"]),
    },
})


def common_head():
    return {
        "department": string("Department that owns this release: a lower-case DNS label such as engineering or legal.",
                             pattern=DNS_LABEL, minLength=1, maxLength=40),
        "nameOverride": string("Override of the chart name in object names.", maxLength=63),
        "fullnameOverride": string("Override of the full object name prefix.", maxLength=63),
        "image": image("Application container image.", "Container image repository."),
        "imagePullSecrets": array("Secrets for pulling images, each {name}.", {
            "type": "object", "required": ["name"], "properties": {"name": string("Secret name.")}}),
        "replicaCount": integer("Number of pods when autoscaling is off.", minimum=0),
    }


def common_tail(app_port_name):
    return {
        "service": obj("The Service in front of the pods.", {
            "type": string("Service type.", enum=["ClusterIP", "NodePort", "LoadBalancer"]),
            "port": integer("Service port.", minimum=1, maximum=65535),
            "trafficDistribution": string("Traffic distribution preference (Kubernetes 1.31+); empty leaves it unset.",
                                          enum=["", "PreferClose"]),
        }),
        "ingress": obj("Ingress settings.", {
            "enabled": boolean("Create an Ingress."),
            "className": string("IngressClass name."),
            "certManager": obj("cert-manager integration.", {
                "clusterIssuer": string("ClusterIssuer that issues the TLS certificate; empty adds no annotation."),
            }),
            "annotations": free_map("Extra Ingress annotations.", {"type": "string"}),
            "hosts": array("Hosts and paths.", {
                "type": "object", "required": ["host"], "additionalProperties": False,
                "properties": {
                    "host": string("Host name, e.g. llm.example.com.", minLength=1),
                    "paths": array("Paths of the host: objects {path, pathType}, or plain path strings.", {
                        "type": ["object", "string"], "additionalProperties": False,
                        "properties": {
                            "path": string("URL path.", pattern="^/"),
                            "pathType": string("Path type.", enum=["Prefix", "Exact", "ImplementationSpecific"]),
                        },
                    }),
                },
            }),
            "tls": array("TLS settings, each {secretName, hosts}.", {
                "type": "object", "required": ["hosts"], "additionalProperties": False,
                "properties": {
                    "secretName": string("Secret that holds (or will hold) the certificate."),
                    "hosts": array("Host names the certificate covers.", {"type": "string"}, minItems=1),
                },
            }),
        }),
        "sso": obj("Single sign-on through an OAuth2 Proxy sidecar.", {
            "enabled": boolean("Put an OAuth2 Proxy in front of the application."),
            "image": image("OAuth2 Proxy image.", "OAuth2 Proxy image repository."),
            "provider": string("OAuth2 Proxy provider.", enum=["oidc", "google", "azure", "github", "gitlab", "keycloak-oidc"]),
            "issuerUrl": string("OIDC issuer URL."),
            "clientId": string("OAuth client ID."),
            "emailDomains": array("E-mail domains allowed to sign in.", {"type": "string", "minLength": 1}),
            "existingSecret": string("Secret with client-secret and cookie-secret keys."),
            "resources": resources("Resources of the proxy container."),
        }),
        "resources": resources("Resources of the application container."),
        "autoscaling": obj("HorizontalPodAutoscaler settings.", {
            "enabled": boolean("Create a HorizontalPodAutoscaler."),
            "minReplicas": integer("Minimum replicas.", minimum=1),
            "maxReplicas": integer("Maximum replicas.", minimum=1),
            "targetCPUUtilizationPercentage": integer("Target CPU utilisation in percent.", minimum=1, maximum=100),
            "targetMemoryUtilizationPercentage": integer("Target memory utilisation in percent; 0 leaves memory out.",
                                                         minimum=0, maximum=100),
        }),
        "podDisruptionBudget": obj("PodDisruptionBudget settings.", {
            "enabled": boolean("Create a PodDisruptionBudget when more than one replica can run."),
            "minAvailable": integer("Pods that must stay available.", minimum=0),
        }),
        "serviceAccount": obj("ServiceAccount settings.", {
            "create": boolean("Create a ServiceAccount."),
            "name": string("ServiceAccount name."),
            "automountServiceAccountToken": boolean("Mount the ServiceAccount token."),
            "annotations": free_map("ServiceAccount annotations.", {"type": "string"}),
        }),
        "podSecurityContext": free_map("Pod security context."),
        "securityContext": free_map("Container security context."),
        "networkPolicy": obj("NetworkPolicy settings.", {
            "enabled": boolean("Create a NetworkPolicy."),
            "ingressControllerNamespaceLabels": LABELS,
            "monitoringNamespaceLabels": LABELS,
            "dns": obj("Cluster DNS.", {"namespaceLabels": LABELS, "podLabels": LABELS}),
            "inClusterServices": array("In-cluster services the pods may call.", {
                "type": "object", "required": ["name", "namespaceLabels"], "additionalProperties": False,
                "properties": {
                    "name": string("What the service is (used in a comment)."),
                    "namespaceLabels": LABELS,
                    "podLabels": LABELS,
                    "ports": PORTS,
                },
            }),
            "externalCidrs": array("External CIDRs the pods may reach.", {
                "type": "object", "required": ["cidr"], "additionalProperties": False,
                "properties": {
                    "cidr": string("CIDR such as 203.0.113.0/24.", pattern="^[0-9a-fA-F:.]+/[0-9]{1,3}$"),
                    "except": array("CIDRs excluded from cidr.", {"type": "string"}),
                },
            }),
            "externalPorts": PORTS,
        }),
        "serviceMonitor": obj("Prometheus Operator ServiceMonitor.", {
            "enabled": boolean("Create a ServiceMonitor when the cluster serves monitoring.coreos.com/v1."),
            "path": string("Metrics path.", pattern="^/"),
            "interval": string("Scrape interval such as 30s.", pattern="^[0-9]+(ms|s|m|h)$"),
            "labels": LABELS,
        }),
        "resourceQuota": obj("ResourceQuota for the department's namespace.", {
            "enabled": boolean("Create a ResourceQuota."),
            "hard": free_map("Hard limits.", QUANTITY),
        }),
        "limitRange": obj("LimitRange for the department's namespace.", {
            "enabled": boolean("Create a LimitRange."),
            "defaultLimits": free_map("Default limits of a container.", QUANTITY),
            "defaultRequests": free_map("Default requests of a container.", QUANTITY),
            "max": free_map("Largest limits a container may set.", QUANTITY),
        }),
        "tests": obj("helm test settings.", {
            "image": obj("Image of the connection test.", {
                "repository": string("Image repository.", minLength=1),
                "tag": string("Image tag.", minLength=1),
            }),
        }),
        "commonLabels": LABELS,
        "podAnnotations": free_map("Pod annotations.", {"type": "string"}),
        "nodeSelector": LABELS,
        "tolerations": array("Pod tolerations.", {"type": "object"}),
        "affinity": free_map("Pod affinity."),
        "topologySpreadConstraints": array("Topology spread constraints.", {"type": "object"}),
    }


def persistence(description, with_enabled):
    properties = {}
    if with_enabled:
        properties["enabled"] = boolean("Create or mount a data volume.")
    properties.update({
        "size": string("Volume size such as 20Gi.", pattern="^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|K|M|G|T|P)?$"),
        "storageClass": string("StorageClass; empty uses the cluster default."),
        "accessMode": string("Access mode.", enum=["ReadWriteOnce", "ReadWriteOncePod", "ReadWriteMany"]),
        "existingClaim": string("Existing PersistentVolumeClaim to use."),
        "annotations": free_map("PersistentVolumeClaim annotations.", {"type": "string"}),
    })
    return obj(description, properties)


def backup():
    return obj("Backup annotations for the data volume.", {
        "enabled": boolean("Add backup annotations."),
        "podAnnotations": free_map("Annotations added to the pod template.", {"type": "string"}),
    })


def anything_llm():
    properties = common_head()
    properties.update({
        "llm": obj("LLM provider settings (non-secret).", {
            "provider": string("LLM provider.", enum=["openai", "azure", "anthropic", "ollama", "localai", "generic-openai"]),
            "model": string("Chat model name.", minLength=1),
            "tokenLimit": integer("Maximum context tokens; 0 leaves it unset.", minimum=0),
            "baseUrl": string("Base URL of the model server.", pattern="^(|https?://.+)$"),
            "azure": obj("Azure OpenAI settings.", {
                "endpoint": string("Azure OpenAI endpoint.", pattern="^(|https://.+)$"),
                "embeddingDeployment": string("Azure deployment used for embeddings."),
            }),
        }),
        "embedding": obj("Embedding engine settings (non-secret).", {
            "engine": string("Embedding engine.", enum=["native", "openai", "azure", "ollama"]),
            "model": string("Embedding model."),
            "baseUrl": string("Base URL of the embedder.", pattern="^(|https?://.+)$"),
        }),
        "vectorDatabase": obj("Vector database settings (non-secret).", {
            "provider": string("Vector database.", enum=["lancedb", "weaviate", "pinecone", "qdrant", "chroma", "milvus"]),
            "endpoint": string("Endpoint of the external vector database."),
            "pineconeIndex": string("Pinecone index name."),
        }),
        "extraEnv": free_map("Extra non-secret environment variables.", {"type": ["string", "number", "boolean"]}),
        "secrets": obj("Where keys and tokens come from.", {
            "existingSecret": string("Name of an existing Secret."),
            "create": boolean("Create the Secret from secrets.values (less safe)."),
            "values": free_map("Secret contents when secrets.create is true.", {"type": "string"}),
        }),
        "persistence": persistence("Data volume for documents, chat history and the embedded vector store.", False),
        "backup": backup(),
        "probes": obj("Liveness and readiness probes.", {
            "path": string("Health endpoint path.", pattern="^/"),
            "livenessInitialDelaySeconds": integer("Seconds before the first liveness probe.", minimum=0),
            "readinessInitialDelaySeconds": integer("Seconds before the first readiness probe.", minimum=0),
            "periodSeconds": integer("Seconds between probes.", minimum=1),
            "timeoutSeconds": integer("Probe timeout in seconds.", minimum=1),
            "failureThreshold": integer("Failures before action.", minimum=1),
        }),
    })
    properties.update(common_tail("http"))
    return properties


def lobe_chat():
    properties = common_head()
    properties.update({
        "config": obj("Non-secret LobeChat settings, written to a ConfigMap and loaded with envFrom.", {
            "openaiBaseUrl": string("OpenAI-compatible API base URL (OPENAI_PROXY_URL).", pattern="^(|https?://.+)$"),
            "openaiModelList": string("OPENAI_MODEL_LIST."),
            "defaultAgentConfig": string("DEFAULT_AGENT_CONFIG."),
            "featureFlags": string("FEATURE_FLAGS."),
            "ollama": obj("Ollama settings.", {
                "enabled": boolean("Enable the Ollama provider."),
                "proxyUrl": string("Ollama URL (OLLAMA_PROXY_URL).", pattern="^(|https?://.+)$"),
                "modelList": string("OLLAMA_MODEL_LIST."),
            }),
            "anthropicModelList": string("ANTHROPIC_MODEL_LIST."),
            "azure": obj("Azure OpenAI settings.", {
                "endpoint": string("AZURE_ENDPOINT.", pattern="^(|https://.+)$"),
                "apiVersion": string("AZURE_API_VERSION."),
                "modelList": string("AZURE_MODEL_LIST."),
            }),
            "extra": free_map("Extra non-secret environment variables.", {"type": ["string", "number", "boolean"]}),
        }),
        "secrets": obj("Keys and the access code. Prefer an existing Secret.", {
            "existingSecret": string("Name of an existing Secret loaded with envFrom."),
            "openaiApiKey": string("OPENAI_API_KEY, when the chart creates the Secret."),
            "accessCode": string("ACCESS_CODE, when the chart creates the Secret."),
            "anthropicApiKey": string("ANTHROPIC_API_KEY, when the chart creates the Secret."),
            "azureApiKey": string("AZURE_API_KEY, when the chart creates the Secret."),
            "extra": free_map("More secret variables, when the chart creates the Secret.", {"type": "string"}),
        }),
        "persistence": persistence("Optional volume for uploaded files.", True),
        "backup": backup(),
        "probes": obj("Liveness and readiness probes.", {
            "path": string("Probe path.", pattern="^/"),
            "initialDelaySeconds": integer("Seconds before the first probe.", minimum=0),
            "periodSeconds": integer("Seconds between probes.", minimum=1),
            "timeoutSeconds": integer("Probe timeout in seconds.", minimum=1),
            "failureThreshold": integer("Failures before action.", minimum=1),
        }),
    })
    properties.update(common_tail("http"))
    return properties


def schema(title, description, properties, required):
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": title,
        "description": description,
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }


CHARTS = {
    "anything-llm": schema(
        "AnythingLLM values",
        "Values of the anything-llm chart. Unknown keys are rejected: check the spelling against values.yaml.",
        anything_llm(), ["department", "image", "llm", "vectorDatabase", "persistence", "resources"]),
    "lobe-chat": schema(
        "LobeChat values",
        "Values of the lobe-chat chart. Unknown keys are rejected: check the spelling against values.yaml.",
        lobe_chat(), ["department", "image", "config", "secrets", "resources"]),
}


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for chart, document in CHARTS.items():
        path = os.path.join(ROOT, "charts", chart, "values.schema.json")
        text = json.dumps(document, indent=2) + "\n"
        current = open(path).read() if os.path.exists(path) else None
        if current == text:
            continue
        if check:
            stale.append(path)
        else:
            with open(path, "w") as handle:
                handle.write(text)
    if stale:
        sys.stderr.write("stale schema (run python3 scripts/charts-schema.py): %s\n" % ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
