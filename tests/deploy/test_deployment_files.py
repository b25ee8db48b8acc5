"""The deployment files agree with the code: every variable that Kubernetes, Compose and CI set is
one the product reads (a misspelt name is otherwise silently ignored), every variable production
requires is set, and the timeouts of the balancer, gunicorn and Kubernetes fit together."""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent.parent
K8S = ROOT / "deploy" / "k8s"
HAPROXY_CFG = (ROOT / "deploy" / "haproxy" / "haproxy.cfg").read_text()
GUNICORN_CONF = (ROOT / "config" / "gunicorn.conf.py").read_text()

PYTHON_READS = [
    r"\benv(?:\.\w+)?\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']",
    r"environ(?:\.get)?[\[(]\s*[\"']([A-Z][A-Z0-9_]*)[\"']",
    r"getenv\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']",
]


def names(patterns, text):
    return {name for pattern in patterns for name in re.findall(pattern, text)}


def read_by_the_product():
    """Names read by the settings, gunicorn's config, the code and the entrypoint; and Django's own."""
    python = [*ROOT.glob("settings/*.py"), *ROOT.glob("config/*.py"), *ROOT.glob("apps/**/*.py")]
    found = {"DJANGO_SETTINGS_MODULE"}
    for path in python:
        found |= names(PYTHON_READS, path.read_text())
    return found | names([r"\$\{([A-Z][A-Z0-9_]*)"], (ROOT / "bin" / "entrypoint").read_text())


def read_by_the_balancer():
    return names([r"\"\$\{([A-Z][A-Z0-9_]*)", r"defined\(([A-Z][A-Z0-9_]*)\)"], HAPROXY_CFG)


def required_by_production():
    """Names settings.prod reads without a default: it refuses to start without them."""
    return names(
        [r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"\s*\)"], (ROOT / "settings" / "prod.py").read_text()
    )


def k8s_documents():
    for path in sorted(K8S.glob("*.yaml")):
        yield from (doc for doc in yaml.safe_load_all(path.read_text()) if doc)


def k8s_containers():
    for doc in k8s_documents():
        spec = doc.get("spec", {})
        spec = spec.get("jobTemplate", {}).get("spec", spec)
        yield from spec.get("template", {}).get("spec", {}).get("containers", [])


def k8s_variables():
    """Every variable the manifests give a container: the ConfigMap's, the Secret's, `env`."""
    found = set()
    for doc in k8s_documents():
        if doc["kind"] == "ConfigMap":
            found |= set(doc["data"])
        if doc["kind"] == "Secret":
            found |= set(doc.get("stringData", {})) | set(doc.get("data", {}))
    for container in k8s_containers():
        found |= {variable["name"] for variable in container.get("env", [])}
    return found


def compose_services():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def compose_variables(service):
    return set(compose_services()[service].get("environment", {}))


def ci_variables():
    return set(re.findall(r"^export ([A-Z][A-Z0-9_]*)=", (ROOT / ".ci" / "prod-env").read_text(), re.M))


@pytest.mark.parametrize(
    ("where", "variables"),
    [
        ("deploy/k8s", k8s_variables),
        ("docker-compose.yml: migrate", lambda: compose_variables("migrate")),
        ("docker-compose.yml: api", lambda: compose_variables("api")),
        (".ci/prod-env", ci_variables),
    ],
)
def test_every_variable_set_for_the_product_is_one_it_reads(where, variables):
    unread = variables() - read_by_the_product()
    assert unread == set(), f"{where} sets variables nothing reads: {sorted(unread)}"


def test_every_variable_set_for_the_balancer_is_one_its_configuration_reads():
    assert compose_variables("lb") <= read_by_the_balancer()


@pytest.mark.parametrize(
    ("where", "variables"),
    [
        ("deploy/k8s", k8s_variables),
        ("docker-compose.yml: api", lambda: compose_variables("api")),
        (".ci/prod-env", ci_variables),
    ],
)
def test_every_variable_production_requires_is_set(where, variables):
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL"} <= required_by_production()
    missing = required_by_production() - variables()
    assert missing == set(), f"{where} lacks variables settings.prod requires: {sorted(missing)}"


def test_every_manifest_is_in_the_kustomization_and_the_other_way_round():
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    files = {path.name for path in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization["resources"]) == files


def gunicorn_setting(name):
    return int(re.search(rf"^{name} = (\d+)$", GUNICORN_CONF, re.M).group(1))


def test_a_terminating_pod_keeps_serving_past_the_probes_then_finishes_its_requests():
    deployment = next(doc for doc in k8s_documents() if doc["kind"] == "Deployment")
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    pause = int(container["lifecycle"]["preStop"]["exec"]["command"][-1])
    readiness = container["readinessProbe"]

    assert pause > readiness["periodSeconds"] * readiness["failureThreshold"]
    assert pod["terminationGracePeriodSeconds"] > pause + gunicorn_setting("graceful_timeout")


def test_every_container_runs_read_only_as_a_non_root_user_with_a_writable_tmp():
    for doc in k8s_documents():
        spec = doc.get("spec", {})
        pod = spec.get("jobTemplate", {}).get("spec", spec).get("template", {}).get("spec")
        if pod is None:
            continue
        assert pod["securityContext"]["runAsNonRoot"] is True
        for container in pod["containers"]:
            assert container["securityContext"]["readOnlyRootFilesystem"] is True
            assert container["resources"]["limits"]["memory"]
            mounts = {mount["mountPath"] for mount in container["volumeMounts"]}
            assert "/tmp" in mounts


def haproxy_timeout(name):
    return int(re.search(rf"^\s+timeout {name} (\d+)s$", HAPROXY_CFG, re.M).group(1))


def test_the_balancer_waits_longer_than_gunicorn_and_refuses_what_django_would():
    assert haproxy_timeout("server") > gunicorn_setting("timeout")
    limit = int(re.search(r"req\.hdr_val\(content-length\) gt (\d+)", HAPROXY_CFG).group(1))
    assert limit == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
