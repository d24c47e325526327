#!/usr/bin/env bash
# Checks the compose file and the Kubernetes manifests against what the services and the launcher really configure.
#
# Usage: deploy/check-manifests.sh      (needs bash and python3 with PyYAML; kubectl, when present, renders the
#                                        kustomization too). Exits 1 and names each problem when something disagrees.
#
# What it checks:
#   - every *.yaml / *.yml under deploy/compose and deploy/kubernetes parses;
#   - every environment variable that compose.yaml or the Kubernetes manifests (env, and the keys of the ConfigMaps
#     and Secrets a Deployment takes with envFrom) give one of the four services is read by that service. "Read" means:
#     its application.properties refers to it in an expression, ${NAME} or ${NAME:default}; or NAME is the
#     environment form of a property key in that file (MicroProfile Config: each character other than A-Z, a-z, 0-9
#     becomes _, then upper case; %prod. keys too, as _PROD_...; keys of other profiles are ignored, the containers
#     run the prod profile); or the image's Dockerfile declares it with ENV (its entrypoint reads it);
#   - conversely, every variable a service reads whose default points at this machine (127.0.0.1, localhost) or into
#     the checkout (${user.dir}) is set, since in a container that default points at the container itself;
#   - ports (host port as in deploy/local/services.sh, container port = the service's default HTTP port), health
#     checks and probes, the JWT public key's mount, databases (the launcher's per service), PostgreSQL role, MongoDB
#     and Kafka addresses resolve to what the same file defines;
#   - every topic the launcher creates (deploy/local/servers.sh) is in both, with its partitions and retention, and
#     both brokers keep the launcher broker's log.retention.ms (the dead-letter topics they create themselves);
#   - each service gets the JVM options the launcher gives it (deploy/local/lib.sh, service_java_opts): its
#     DEALSTREAM_JAVA_OPTS in compose.yaml or its Kubernetes ConfigMap, else the image's;
#   - no password is written into compose.yaml; every variable it requires is in .env.example;
#   - kustomization.yaml lists every manifest file and nothing else.
set -euo pipefail

exec python3 - "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)" <<'PYTHON'
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
from urllib.parse import parse_qs, urlsplit

import yaml

DEPLOY = sys.argv[1]
ROOT = os.path.dirname(DEPLOY)
problems = []


def rel(path):
    return os.path.relpath(path, ROOT)


def fail(message):
    problems.append(message)


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def need(match, what):
    if not match:
        sys.exit(f"check-manifests: cannot find {what}; the check needs updating")
    return match


# --- every YAML file parses ---------------------------------------------------------------------------------------

documents = {}
for directory in ("compose", "kubernetes"):
    for path in sorted(glob.glob(f"{DEPLOY}/{directory}/**/*.y*ml", recursive=True)):
        try:
            with open(path, encoding="utf-8") as f:
                documents[path] = [d for d in yaml.safe_load_all(f) if d is not None]
        except yaml.YAMLError as e:
            fail(f"{rel(path)}: not valid YAML: {e}")
print(f"parsed {len(documents)} YAML files under deploy/compose and deploy/kubernetes")

# --- what the launcher does ---------------------------------------------------------------------------------------

services_sh = read("deploy/local/services.sh")
servers_sh = read("deploy/local/servers.sh")
LAUNCHER = {}  # module -> (host port, database or None)
for entry in need(re.search(r"^SERVICES=\((.*?)^\)", services_sh, re.M | re.S), "SERVICES in services.sh").group(1).split():
    name, port, db = entry.split(":")
    LAUNCHER[name] = (int(port), db or None)
TOPICS = need(re.search(r"^KAFKA_TOPICS=\(([^)]*)\)", servers_sh, re.M), "KAFKA_TOPICS in servers.sh").group(1).split()
PARTITIONS = int(need(re.search(r"^KAFKA_PARTITIONS=(\d+)", servers_sh, re.M), "KAFKA_PARTITIONS").group(1))
RETENTION = need(re.search(r"--config retention\.ms=(-?\d+)", servers_sh), "the topics' retention.ms").group(1)
# the broker's default, for the topics it creates itself (the dead-letter topics)
BROKER_RETENTION = need(re.search(r"^log\.retention\.ms=(-?\d+)", servers_sh, re.M),
                        "log.retention.ms in servers.sh's broker properties").group(1)
PG_ROLE = need(re.search(r"^PG_ROLE=(\S+)", servers_sh, re.M), "PG_ROLE in servers.sh").group(1)
print(f"launcher: services {', '.join(f'{m} :{p}' + (f' db {d}' if d else '') for m, (p, d) in LAUNCHER.items())}; "
      f"topics {' '.join(TOPICS)} ({PARTITIONS} partitions, retention.ms={RETENTION}; broker log.retention.ms="
      f"{BROKER_RETENTION}); PostgreSQL role {PG_ROLE}")

# --- what each service reads --------------------------------------------------------------------------------------

ENV_NAME = re.compile(r"[A-Z][A-Z0-9_]*\Z")
LOCAL_DEFAULT = re.compile(r"(^|[/@,])(127\.0\.0\.1|localhost)([:/,]|$)|\$\{user\.dir\}")


def expressions(value):
    """(name, default or None) of every ${name} / ${name:default} in a property value, nested ones too."""
    found, i = [], 0
    while (i := value.find("${", i)) != -1:
        depth, j = 0, i
        while j < len(value):
            if value.startswith("${", j):
                depth, j = depth + 1, j + 2
                continue
            if value[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        name, colon, default = value[i + 2:j].partition(":")
        found.append((name, default if colon else None))
        found.extend(expressions(default))
        i = j + 1
    return found


def env_form(key):
    return re.sub(r"[^A-Za-z0-9]", "_", key).upper()


READS, REQUIRED, HTTP_PORT = {}, {}, {}
for module in LAUNCHER:
    path = f"{module}/src/main/resources/application.properties"
    props = {}
    for line in read(path).splitlines():
        line = line.strip()
        if not line or line[0] in "#!" or "=" not in line:
            continue
        key, value = (s.strip() for s in line.split("=", 1))
        if key.startswith("%") and not key.startswith("%prod."):
            continue
        props[key] = value
    reads, required = {}, {}
    for key, value in props.items():
        reads.setdefault(env_form(key), f"the environment form of {key}")
        for name, default in expressions(value):
            if ENV_NAME.match(name):
                reads[name] = f"${{{name}}} in {key}"
                if default is not None and LOCAL_DEFAULT.search(default) and not re.match(r"https?://", default):
                    required[name] = default
    READS[module], REQUIRED[module] = reads, required
    port_expr = [(n, d) for n, d in expressions(props.get("quarkus.http.port", "")) if d]
    HTTP_PORT[module] = (port_expr[0][0], int(port_expr[0][1])) if port_expr else (None, int(props["quarkus.http.port"]))

dockerfile = read("deploy/compose/Dockerfile")
IMAGE_ENV = set(re.findall(r"^ENV\s+([A-Z][A-Z0-9_]*)[=\s]", dockerfile, re.M))
for name in IMAGE_ENV:
    if not re.search(rf"^ENTRYPOINT .*\${{?{name}\b", dockerfile, re.M):
        fail(f"deploy/compose/Dockerfile: ENV {name} is not used by its ENTRYPOINT")
def heap_mib(options):
    """The -Xmx of a list of JVM options in MiB (m or g), or None."""
    xmx = re.search(r"-Xmx(\d+)([mMgG])\b", options)
    return None if not xmx else int(xmx.group(1)) * (1024 if xmx.group(2) in "gG" else 1)


IMAGE_JAVA_OPTS = need(re.search(r"^ENV DEALSTREAM_JAVA_OPTS=\"([^\"]*)\"", dockerfile, re.M),
                       "DEALSTREAM_JAVA_OPTS in the Dockerfile").group(1)
HEAP_MIB = need(heap_mib(IMAGE_JAVA_OPTS), "-Xmx in the Dockerfile")


def launcher_java_opts():
    """Per service, the JVM options ./dealstream up gives it (deploy/local/lib.sh: service_java_opts, nothing
    overriding), asked of lib.sh itself in one shell."""
    env = {k: v for k, v in os.environ.items() if k != "DEALSTREAM_JAVA_OPTS"}
    with tempfile.TemporaryDirectory() as home:  # lib.sh makes its directories under DEALSTREAM_HOME
        env["DEALSTREAM_HOME"] = home
        lines = subprocess.run(["bash", "-c", 'source "$1/local/lib.sh"; shift; for m; do service_java_opts "$m"; done',
                                "_", DEPLOY, *LAUNCHER], env=env, capture_output=True, text=True, check=True).stdout
    return dict(zip(LAUNCHER, (line.split() for line in lines.splitlines())))


LAUNCHER_JAVA_OPTS = launcher_java_opts()


def check_java_opts(where, module, options):
    launcher = LAUNCHER_JAVA_OPTS[module]
    if options.split() != launcher:
        fail(f"{where}: JVM options {options!r}, the launcher gives {module} {' '.join(launcher)!r} "
             f"(deploy/local/lib.sh, service_java_opts)")
for module in LAUNCHER:
    print(f"{module} reads {', '.join(sorted(n for n, why in READS[module].items() if why.startswith('$')))} "
          f"(and the environment form of each of its keys); must be set in a container: {', '.join(sorted(REQUIRED[module]))}")


def http_port(module, env):
    """The port the service listens on, given the environment it gets."""
    name, default = HTTP_PORT[module]
    for key in ("QUARKUS_HTTP_PORT", name):
        if key and key in env:
            return int(env[key])
    return default


def check_env(where, module, env):
    for name in sorted(env):
        if name not in READS[module] and name not in IMAGE_ENV:
            fail(f"{where}: sets {name}, which {module} does not read (not in an expression of its application.properties, "
                 f"not the environment form of one of its keys, not an ENV of the Dockerfile)")
    for name in sorted(set(REQUIRED[module]) - set(env)):
        fail(f"{where}: does not set {name}; {module}'s default {REQUIRED[module][name]!r} would point at the container itself")


# --- compose ------------------------------------------------------------------------------------------------------

compose_path = f"{DEPLOY}/compose/compose.yaml"
compose = (documents.get(compose_path) or [{}])[0]
if "version" in compose:
    fail("compose.yaml: the obsolete top-level 'version' key")
cservices = compose.get("services", {})


def environment(svc):
    env = svc.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {k: str(v) for k, v in env.items()}


def host_of(address):
    return urlsplit(address if "://" in address else "x://" + address).hostname


env_example = {}
for line in read("deploy/compose/.env.example").splitlines():
    if re.match(r"^[A-Z][A-Z0-9_]*=", line):
        key, value = line.split("=", 1)
        env_example[key] = value
compose_text = read("deploy/compose/compose.yaml")
for name, operator in re.findall(r"\$\{([A-Z][A-Z0-9_]*)(:?[-?+]?)", compose_text):
    if operator in ("", ":?", "?") and name not in env_example:
        fail(f"compose.yaml requires ${{{name}}}, which .env.example does not define")
for sname, svc in cservices.items():
    for key, value in environment(svc).items():
        if "PASSWORD" in key and not value.startswith("${"):
            fail(f"compose.yaml: {sname} has {key} written in the file; take it from .env (${{{key}...}})")
if env_example.get("DB_USER") != PG_ROLE:
    fail(f".env.example: DB_USER is {env_example.get('DB_USER')!r}, the launcher's role is {PG_ROLE!r}")

by_image = {}
for sname, svc in cservices.items():
    by_image.setdefault(str(svc.get("image", "")).split(":")[0], []).append(sname)

found = set()
for sname, svc in cservices.items():
    build = svc.get("build") if isinstance(svc.get("build"), dict) else {}
    arg = environment({"environment": build.get("args") or {}}).get("SERVICE")
    image = re.match(r"dealstream/([a-z-]+):", str(svc.get("image", "")))
    module = arg or (image and image.group(1))
    if not module:
        continue
    where = f"compose {sname}"
    if module not in LAUNCHER:
        fail(f"{where}: builds {module}, which is not one of the launcher's services")
        continue
    if sname != module or not image or image.group(1) != module:
        fail(f"{where}: service name, build arg SERVICE and image dealstream/<service> must all be {module}")
    if build.get("dockerfile") != "deploy/compose/Dockerfile":
        fail(f"{where}: not built with deploy/compose/Dockerfile")
    found.add(module)
    check_java_opts(where, module, environment(svc).get("DEALSTREAM_JAVA_OPTS", IMAGE_JAVA_OPTS))
    env = environment(svc)
    check_env(where, module, env)
    port = http_port(module, env)
    published = [tuple(str(p).rsplit(":", 2)[-2:]) for p in svc.get("ports", [])]
    if (str(LAUNCHER[module][0]), str(port)) not in published:
        fail(f"{where}: should publish host port {LAUNCHER[module][0]} (the launcher's) to container port {port}")
    test = " ".join(map(str, (svc.get("healthcheck") or {}).get("test", [])))
    if f":{port}/q/health/ready" not in test:
        fail(f"{where}: its healthcheck does not ask :{port}/q/health/ready")
    targets = [c.get("target") for c in svc.get("configs", []) if isinstance(c, dict)]
    targets += [str(v).split(":")[1] for v in svc.get("volumes", []) if isinstance(v, str) and ":" in v]
    if env.get("JWT_PUBLIC_KEY_LOCATION") not in targets:
        fail(f"{where}: JWT_PUBLIC_KEY_LOCATION {env.get('JWT_PUBLIC_KEY_LOCATION')} is not where a config or volume is mounted")
    depends = svc.get("depends_on") or {}

    def needs(host, condition, what):
        if host not in cservices:
            fail(f"{where}: {what} names host {host!r}, which is not a compose service")
        elif (depends.get(host) or {}).get("condition") != condition:
            fail(f"{where}: should depend on {host} with condition {condition}")

    needs(host_of(env.get("KAFKA_BOOTSTRAP_SERVERS", "")), "service_healthy", "KAFKA_BOOTSTRAP_SERVERS")
    db = LAUNCHER[module][1]
    if db:
        url = env.get("DB_URL", "")
        if urlsplit(url).path != f"/{db}":
            fail(f"{where}: DB_URL {url!r} is not the launcher's database {db!r}")
        needs(urlsplit(url).hostname, "service_healthy", "DB_URL")
    if "MONGODB_CONNECTION_STRING" in env:
        for host in urlsplit(env["MONGODB_CONNECTION_STRING"]).netloc.split(","):
            needs(host.split(":")[0], "service_healthy", "MONGODB_CONNECTION_STRING")
    topic_job = [n for n in depends if "TOPICS" in environment(cservices.get(n, {}))]
    if not topic_job or depends[topic_job[0]].get("condition") != "service_completed_successfully":
        fail(f"{where}: should wait for the topic-creating service (condition service_completed_successfully)")
for module in sorted(set(LAUNCHER) - found):
    fail(f"compose.yaml: no service builds {module}")

topic_jobs = [(n, s) for n, s in cservices.items() if "TOPICS" in environment(s)]
if len(topic_jobs) != 1:
    fail("compose.yaml: expected one service with TOPICS in its environment (the topic creation)")
else:
    name, job = topic_jobs[0]
    env = environment(job)
    if sorted(env["TOPICS"].split()) != sorted(TOPICS):
        fail(f"compose {name}: TOPICS {env['TOPICS']!r} is not the launcher's {' '.join(TOPICS)!r}")
    if env.get("PARTITIONS") != str(PARTITIONS):
        fail(f"compose {name}: PARTITIONS {env.get('PARTITIONS')!r}, the launcher's is {PARTITIONS}")
    if f"retention.ms={RETENTION}" not in str(job.get("command")):
        fail(f"compose {name}: topics are not created with retention.ms={RETENTION}")
brokers = [(n, s) for n, s in cservices.items() if "KAFKA_PROCESS_ROLES" in environment(s)]
if len(brokers) != 1:
    fail("compose.yaml: expected one Kafka broker (a service with KAFKA_PROCESS_ROLES)")
elif str(environment(brokers[0][1]).get("KAFKA_LOG_RETENTION_MS")) != BROKER_RETENTION:
    fail(f"compose {brokers[0][0]}: KAFKA_LOG_RETENTION_MS is not the launcher's log.retention.ms {BROKER_RETENTION}"
         " (the dead-letter topics the broker creates would delete by age)")
postgres = [(n, s) for n, s in cservices.items() if str(s.get("image", "")).startswith("postgres:")]
if len(postgres) != 1:
    fail("compose.yaml: expected one postgres service")
else:
    name, pg = postgres[0]
    wanted = sorted(d for _, d in LAUNCHER.values() if d)
    if sorted(environment(pg).get("DATABASES", "").split()) != wanted:
        fail(f"compose {name}: DATABASES should be the launcher's {' '.join(wanted)}")
    if not any(str(v).split(":")[1].startswith("/docker-entrypoint-initdb.d/") for v in pg.get("volumes", [])):
        fail(f"compose {name}: postgres-init.sh is not mounted in /docker-entrypoint-initdb.d")
print(f"compose: checked {', '.join(sorted(found))}")

# --- Kubernetes ---------------------------------------------------------------------------------------------------

KDIR = f"{DEPLOY}/kubernetes"
kustomization = (documents.get(f"{KDIR}/kustomization.yaml") or [{}])[0]
listed = set(kustomization.get("resources", []))
present = {os.path.relpath(p, KDIR) for p in documents if p.startswith(KDIR + "/") and not p.endswith("/kustomization.yaml")}
for missing in sorted(listed - present):
    fail(f"kustomization.yaml lists {missing}, which does not exist")
for unlisted in sorted(present - listed):
    fail(f"kustomization.yaml does not list {unlisted}")

objects = [d for path in sorted(documents) if os.path.relpath(path, KDIR) in listed for d in documents[path]]


def kind(k):
    return [o for o in objects if o.get("kind") == k]


def named(k, name):
    return next((o for o in kind(k) if o["metadata"]["name"] == name), None)


def env_file(path):
    full = os.path.join(KDIR, path)
    if not os.path.exists(full):
        full += ".example"
        if not os.path.exists(full):
            fail(f"kustomization.yaml: neither {path} nor {path}.example exists")
            return {}
    with open(full, encoding="utf-8") as f:
        return dict(l.strip().split("=", 1) for l in f if re.match(r"^\s*[^#\s][^=]*=", l))


def generated(section):
    result = {}
    for gen in kustomization.get(section, []):
        data = {}
        for f in gen.get("files", []):
            data[f.split("=", 1)[0] if "=" in f else os.path.basename(f)] = None
        for lit in gen.get("literals", []):
            k, v = lit.split("=", 1)
            data[k] = v
        for path in gen.get("envs", []):
            data.update(env_file(path))
        result[gen["name"]] = data
    return result


configmaps = {o["metadata"]["name"]: dict(o.get("data") or {}) for o in kind("ConfigMap")} | generated("configMapGenerator")
secrets = {o["metadata"]["name"]: dict(o.get("stringData") or o.get("data") or {}) for o in kind("Secret")} | generated("secretGenerator")
if not named("Namespace", kustomization.get("namespace")):
    fail(f"kubernetes: no Namespace {kustomization.get('namespace')!r} (the kustomization's namespace)")

kafkas = {o["metadata"]["name"]: o for o in kind("Kafka")}
for name, k in kafkas.items():
    if str(((k["spec"].get("kafka") or {}).get("config") or {}).get("log.retention.ms")) != BROKER_RETENTION:
        fail(f"kubernetes: Kafka {name} does not set log.retention.ms {BROKER_RETENTION} (the launcher's broker default:"
             " the dead-letter topics the broker creates would delete by age)")
    roles = {r for p in kind("KafkaNodePool") if p["metadata"].get("labels", {}).get("strimzi.io/cluster") == name
             for r in p["spec"].get("roles", [])}
    if roles != {"broker", "controller"}:
        fail(f"kubernetes: Kafka {name} needs KafkaNodePools with the broker and controller roles (KRaft), has {sorted(roles)}")
ktopics = {(t["spec"].get("topicName") or t["metadata"]["name"]): t for t in kind("KafkaTopic")}
for topic in TOPICS:
    t = ktopics.get(topic)
    if not t:
        fail(f"kubernetes: no KafkaTopic {topic}")
        continue
    if t["metadata"].get("labels", {}).get("strimzi.io/cluster") not in kafkas:
        fail(f"kubernetes: KafkaTopic {topic} does not name a Kafka cluster of these manifests (strimzi.io/cluster)")
    if t["spec"].get("partitions") != PARTITIONS:
        fail(f"kubernetes: KafkaTopic {topic} has {t['spec'].get('partitions')} partitions, the launcher's {PARTITIONS}")
    if str((t["spec"].get("config") or {}).get("retention.ms")) != RETENTION:
        fail(f"kubernetes: KafkaTopic {topic} does not have retention.ms {RETENTION}")


def mib(quantity):
    m = re.match(r"^(\d+)(Mi|Gi)$", str(quantity or ""))
    return int(m.group(1)) * (1024 if m.group(2) == "Gi" else 1) if m else None


def subset(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


found = set()
for dep in kind("Deployment"):
    pod = dep["spec"]["template"]
    labels = pod["metadata"].get("labels", {})
    for c in pod["spec"]["containers"]:
        image = re.match(r"dealstream/([a-z-]+):", c.get("image", ""))
        if not image:
            continue
        module, where = image.group(1), f"kubernetes Deployment {dep['metadata']['name']}"
        if module not in LAUNCHER or dep["metadata"]["name"] != module:
            fail(f"{where}: runs image {c['image']}; the Deployment must be named after one of the launcher's services")
            continue
        found.add(module)
        env, values = set(), {}
        for source in c.get("envFrom", []):
            for ref, pool in (("configMapRef", configmaps), ("secretRef", secrets)):
                if ref in source:
                    name = source[ref]["name"]
                    if name not in pool:
                        fail(f"{where}: envFrom {ref} {name} does not exist")
                    env |= set(pool.get(name, {}))
                    values.update({k: v for k, v in pool.get(name, {}).items() if ref == "configMapRef"})
        for e in c.get("env", []):
            env.add(e["name"])
            if "value" in e:
                values[e["name"]] = str(e["value"])
            for ref, pool in (("secretKeyRef", secrets), ("configMapKeyRef", configmaps)):
                src = (e.get("valueFrom") or {}).get(ref)
                if src and src["key"] not in pool.get(src["name"], {}):
                    fail(f"{where}: {e['name']} comes from {ref} {src['name']}/{src['key']}, which does not exist")
        check_env(where, module, env)
        port = http_port(module, values)
        ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
        if ports.get("http") != port:
            fail(f"{where}: container port 'http' should be {port}, the port {module} listens on")
        for probe, path in (("readinessProbe", "/q/health/ready"), ("livenessProbe", "/q/health/live")):
            get = (c.get(probe) or {}).get("httpGet", {})
            if get.get("path") != path or get.get("port") not in ("http", port):
                fail(f"{where}: {probe} should GET {path} on the http port")
        limit = mib((c.get("resources") or {}).get("limits", {}).get("memory"))
        java_opts = values.get("DEALSTREAM_JAVA_OPTS", IMAGE_JAVA_OPTS)
        check_java_opts(where, module, java_opts)
        heap = heap_mib(java_opts) or HEAP_MIB
        if not limit or limit < heap + 256:
            fail(f"{where}: memory limit {limit} MiB leaves less than 256 MiB beside the {heap} MiB heap")
        location = values.get("JWT_PUBLIC_KEY_LOCATION", "")
        mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
        volume = next((v for v in pod["spec"].get("volumes", []) if v["name"] == mounts.get(os.path.dirname(location))), {})
        if os.path.basename(location) not in configmaps.get((volume.get("configMap") or {}).get("name"), {}):
            fail(f"{where}: JWT_PUBLIC_KEY_LOCATION {location!r} is not a key of a ConfigMap mounted there")
        if not any(subset(s["spec"].get("selector"), labels) and any(p.get("targetPort") in ("http", port) for p in s["spec"]["ports"])
                   for s in kind("Service")):
            fail(f"{where}: no Service selects its pods on the http port")
        if not any(subset(p["spec"]["selector"].get("matchLabels"), labels) for p in kind("PodDisruptionBudget")):
            fail(f"{where}: no PodDisruptionBudget selects its pods")
        bootstrap = values.get("KAFKA_BOOTSTRAP_SERVERS", "")
        host = host_of(bootstrap)
        cluster = kafkas.get(host[: -len("-kafka-bootstrap")] if host and host.endswith("-kafka-bootstrap") else None)
        if not cluster or not any(l.get("port") == urlsplit("x://" + bootstrap).port and not l.get("tls")
                                  for l in cluster["spec"]["kafka"].get("listeners", [])):
            fail(f"{where}: KAFKA_BOOTSTRAP_SERVERS {bootstrap!r} is not the plain listener of a Kafka of these manifests")
        db = LAUNCHER[module][1]
        if db:
            url = urlsplit(values.get("DB_URL", ""))
            pg = named("Cluster", (url.hostname or "").removesuffix("-rw"))
            if not pg or not (url.hostname or "").endswith("-rw"):
                fail(f"{where}: DB_URL host {url.hostname!r} is not the -rw service of a CloudNativePG Cluster here")
            else:
                initdb = pg["spec"].get("bootstrap", {}).get("initdb", {})
                databases = {initdb.get("database"): initdb.get("owner")}
                databases |= {d["spec"]["name"]: d["spec"].get("owner") for d in kind("Database")
                              if d["spec"].get("cluster", {}).get("name") == pg["metadata"]["name"]}
                if url.path != f"/{db}" or db not in databases:
                    fail(f"{where}: DB_URL {values.get('DB_URL')!r}: the launcher's database {db!r} is not created in Cluster {pg['metadata']['name']}")
                login = secrets.get(initdb.get("secret", {}).get("name"), {})
                user_ref = next((e["valueFrom"]["secretKeyRef"] for e in c.get("env", []) if e["name"] == "DB_USER" and "valueFrom" in e), {})
                if user_ref.get("name") != initdb.get("secret", {}).get("name"):
                    fail(f"{where}: DB_USER/DB_PASSWORD should come from the Cluster's initdb secret")
                if login.get("username") != databases.get(db) or login.get("username") != PG_ROLE:
                    fail(f"{where}: database {db} should be owned by the secret's username, the launcher's role {PG_ROLE!r}")
        if "MONGODB_CONNECTION_STRING" in values:
            url = urlsplit(values["MONGODB_CONNECTION_STRING"])
            for member in url.netloc.split(","):
                m = re.match(r"^([a-z0-9-]+)-(\d+)\.([a-z0-9-]+):(\d+)$", member)
                sts = named("StatefulSet", m.group(1)) if m else None
                if not sts or sts["spec"]["serviceName"] != m.group(3) or int(m.group(2)) >= sts["spec"]["replicas"] \
                        or not named("Service", m.group(3)):
                    fail(f"{where}: MongoDB member {member!r} is not a pod of a StatefulSet (with its headless Service) here")
                elif parse_qs(url.query).get("replicaSet", [None])[0] not in sts["spec"]["template"]["spec"]["containers"][0].get("args", []):
                    fail(f"{where}: replicaSet of MONGODB_CONNECTION_STRING is not the --replSet of StatefulSet {m.group(1)}")
for module in sorted(set(LAUNCHER) - found):
    fail(f"kubernetes: no Deployment runs dealstream/{module}")
print(f"kubernetes: checked {', '.join(sorted(found))}; topics {', '.join(t for t in TOPICS if t in ktopics)}")

# --- kustomize renders (when kubectl is here) ---------------------------------------------------------------------

kubectl = shutil.which("kubectl")
if not kubectl:
    print("kubectl not found: the kustomization was not rendered")
else:
    with tempfile.TemporaryDirectory() as tmp:
        copy = shutil.copytree(KDIR, os.path.join(tmp, "kubernetes"))
        for gen in kustomization.get("configMapGenerator", []) + kustomization.get("secretGenerator", []):
            for f in [f.split("=", 1)[-1] for f in gen.get("files", [])] + gen.get("envs", []):
                target = os.path.join(copy, f)
                if not os.path.exists(target):
                    if os.path.exists(target + ".example"):
                        shutil.copy(target + ".example", target)
                    else:
                        open(target, "w").write("placeholder\n")
        run = subprocess.run([kubectl, "kustomize", copy], capture_output=True, text=True)
        if run.returncode != 0:
            fail(f"kubectl kustomize deploy/kubernetes failed: {run.stderr.strip()}")
        else:
            rendered = [d for d in yaml.safe_load_all(run.stdout) if d]
            outside = [f"{d['kind']}/{d['metadata']['name']}" for d in rendered
                       if d["kind"] != "Namespace" and d["metadata"].get("namespace") != kustomization.get("namespace")]
            if outside:
                fail(f"kubectl kustomize: not in namespace {kustomization.get('namespace')}: {', '.join(outside)}")
            print(f"kubectl kustomize deploy/kubernetes: {len(rendered)} objects")

if problems:
    print(f"\n{len(problems)} problem(s):")
    for p in problems:
        print(f"  - {p}")
    sys.exit(1)
print("\nall checks passed")
PYTHON
