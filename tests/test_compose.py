"""docker-compose.yml: Qdrant, PostgreSQL and two API replicas behind an nginx proxy.

There is no Docker engine where the tests run, so the file is checked as data: every
service the deployment needs is there, wired to the others by name, healthy before its
dependants start, and every KEHOACH_* variable it sets is one kehoach reads.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from api.settings import ApiSettings
from bot.settings import BotSettings
from ingest.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
REPLICAS = ("api-1", "api-2")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def _service(compose: dict[str, Any], name: str) -> dict[str, Any]:
    return compose["services"][name]


def test_the_deployment_has_every_service(compose: dict[str, Any]) -> None:
    assert {"qdrant", "postgres", *REPLICAS, "proxy", "bot"} <= set(compose["services"])


def test_replicas_share_index_and_database_not_a_home_and_are_not_published(
    compose: dict[str, Any],
) -> None:
    homes = set()
    for name in REPLICAS:
        replica = _service(compose, name)
        environment = replica["environment"]
        assert replica["command"][:2] == ["kehoach", "serve"]
        assert environment["KEHOACH_QDRANT_URL"] == "http://qdrant:6333"
        database = environment["KEHOACH_DATABASE_URL"]
        assert database.startswith("postgresql://") and "@postgres:5432/" in database
        assert "ports" not in replica  # reached through the proxy only
        assert {"qdrant", "postgres"} <= set(replica["depends_on"])
        homes |= {v for v in replica["volumes"] if v.endswith(":/var/lib/kehoach")}
        assert "/readyz" in " ".join(replica["healthcheck"]["test"])
    # the catalog is in the database: no folder is shared, each replica has a home of its own
    assert len(homes) == len(REPLICAS)
    bot_homes = {v for v in _service(compose, "bot")["volumes"] if v.endswith(":/var/lib/kehoach")}
    assert not bot_homes & homes
    ingesting = [
        name
        for name in REPLICAS
        if _service(compose, name)["environment"]["KEHOACH_API_INGEST_BUNDLED_CORPUS"] == "true"
    ]
    assert ingesting == ["api-1"]  # the bundled plans are ingested once


def test_a_stopping_replica_has_time_to_finish_its_job(compose: dict[str, Any]) -> None:
    for name in REPLICAS:
        grace = str(_service(compose, name)["stop_grace_period"])
        value, unit = re.fullmatch(r"(\d+)(s|m)", grace).groups()  # type: ignore[union-attr]
        assert int(value) * (60 if unit == "m" else 1) >= 60


def test_the_replicas_trust_forwarded_addresses_from_the_proxy_only(
    compose: dict[str, Any],
) -> None:
    proxy_address = _service(compose, "proxy")["networks"]["kehoach"]["ipv4_address"]
    for name in REPLICAS:
        trusted = _service(compose, name)["environment"]["KEHOACH_TRUSTED_PROXIES"]
        assert trusted.split(",") == [proxy_address]
    subnet = compose["networks"]["kehoach"]["ipam"]["config"][0]["subnet"]
    import ipaddress

    assert ipaddress.ip_address(proxy_address) in ipaddress.ip_network(subnet)


def test_the_proxy_spreads_requests_over_every_replica(compose: dict[str, Any]) -> None:
    proxy = _service(compose, "proxy")
    assert proxy["image"].startswith("nginx:")
    mounts = [v.split(":") for v in proxy["volumes"]]
    (config_file,) = [host for host, target, *_ in mounts if target.startswith("/etc/nginx/")]
    config = (ROOT / config_file).read_text(encoding="utf-8")
    upstream = re.search(r"upstream kehoach_api \{(.*?)\}", config, re.S)
    assert upstream is not None
    servers = re.findall(r"server ([\w-]+):(\d+)", upstream.group(1))
    assert sorted(servers) == [(name, "8000") for name in REPLICAS]
    assert "proxy_pass http://kehoach_api;" in config
    assert "X-Forwarded-For" in config
    listen = re.search(r"listen (\d+);", config)
    assert listen is not None
    assert any(port.endswith(f":{listen.group(1)}") for port in proxy["ports"])
    assert set(proxy["depends_on"]) == set(REPLICAS)


def test_secrets_are_required_not_defaulted(compose: dict[str, Any]) -> None:
    postgres = _service(compose, "postgres")
    assert postgres["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    for name in REPLICAS:
        environment = _service(compose, name)["environment"]
        assert environment["KEHOACH_ADMIN_KEYS"].startswith("${KEHOACH_ADMIN_KEYS:?")
        assert "${POSTGRES_PASSWORD:?" in environment["KEHOACH_DATABASE_URL"]


def test_health_gates_point_at_services_with_health_checks(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, service in services.items():
        for dependency, condition in (service.get("depends_on") or {}).items():
            assert dependency in services, f"{name} depends on unknown {dependency}"
            if condition["condition"] == "service_healthy":
                assert services[dependency].get("healthcheck"), f"{dependency} has no check"
    for name in ("qdrant", "postgres", *REPLICAS, "proxy"):
        check = services[name]["healthcheck"]
        assert check["test"][0] in ("CMD", "CMD-SHELL") and check["retries"] >= 1


def test_every_kehoach_variable_set_is_a_setting(compose: dict[str, Any]) -> None:
    known = {
        f"KEHOACH_{field.upper()}"
        for model in (Settings, ApiSettings)
        for field in model.model_fields
    }
    known |= {field.upper() for field in BotSettings.model_fields}
    for name, service in compose["services"].items():
        for variable in service.get("environment") or {}:
            if variable.startswith(("KEHOACH_", "TELEGRAM_", "ZALO_")):
                assert variable in known, f"{name} sets {variable}, which kehoach does not read"


# ---- what `docker compose config` would check, without a Docker engine ----------------

# compose's interpolation: "$$" (a literal "$"), "$NAME", "${NAME}", and "${NAME" followed by
# ":-", "-", ":?" or "?" and a default or an error message
_REFERENCE = re.compile(r"\$(?:\$|[A-Za-z_]\w*|\{[A-Za-z_]\w*(?:(?::?[-?])[^}]*)?\})")


def _interpolated(value: str, env: dict[str, str]) -> str:
    """`value` as compose interpolates it from `env`; a required variable unset raises."""

    def one(match: re.Match[str]) -> str:
        text = match.group()
        if text == "$$":
            return "$"
        name, operator, rest = re.fullmatch(
            r"\$\{?([A-Za-z_]\w*)(:?[-?])?([^}]*)\}?", text
        ).groups()  # type: ignore[union-attr]
        given = env.get(name)
        if operator in (":?", "?") and (given is None or (operator == ":?" and not given)):
            raise KeyError(f"{name}: {rest}")
        if operator in (":-", "-") and (given is None or (operator == ":-" and not given)):
            return rest
        return given or ""

    return _REFERENCE.sub(one, value)


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for key, value in node.items() for s in (*_strings(key), *_strings(value))]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


_SECRETS = {
    "POSTGRES_PASSWORD": "a-database-password",
    "KEHOACH_ADMIN_KEYS": "an-admin-key-of-16-chars-or-more",
    "TELEGRAM_BOT_TOKEN": "123456:ABC",
}


def test_every_dollar_is_a_well_formed_variable_reference(compose: dict[str, Any]) -> None:
    """A "$" compose cannot read (`docker compose config` would reject the file) is caught
    here: each is "$$" or a variable reference in one of compose's forms."""
    for text in _strings(compose):
        rest = _REFERENCE.sub("", text)
        assert "$" not in rest, f"unreadable variable reference in {text!r}"
        _interpolated(text, _SECRETS)  # every reference resolves with the secrets set


def test_the_secrets_are_the_only_variables_required(compose: dict[str, Any]) -> None:
    """Without them, compose refuses to start (a `${NAME:?message}`); nothing else is."""
    texts = _strings(compose)
    for name in _SECRETS:
        missing = {k: v for k, v in _SECRETS.items() if k != name}
        with pytest.raises(KeyError, match=name):
            for text in texts:
                _interpolated(text, missing)
    for text in texts:
        _interpolated(text, _SECRETS)


def _settings_of(
    compose: dict[str, Any], name: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[Settings, dict[str, str]]:
    """The settings the service's process reads from its interpolated environment (and
    nothing from the environment the tests run in)."""
    import os

    environment = {
        key: _interpolated(str(value), _SECRETS)
        for key, value in _service(compose, name)["environment"].items()
    }
    with monkeypatch.context() as patch:
        for key in list(os.environ):
            if key.startswith("KEHOACH_"):
                patch.delenv(key)
        for key, value in environment.items():
            patch.setenv(key, value)
        return Settings(), environment


def test_replicas_and_bot_read_one_postgresql_database_and_one_qdrant_server(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After interpolation, the two replicas and the bot read the same Qdrant server (the
    index) and the same PostgreSQL database (facts, catalog, and the replicas' shared
    state: conversations, rate limits, replay ids, jobs) — the database the postgres
    service creates, with its user and password."""
    from urllib.parse import urlsplit

    postgres = {
        key: _interpolated(str(value), _SECRETS)
        for key, value in _service(compose, "postgres")["environment"].items()
    }
    seen = set()
    for name in (*REPLICAS, "bot"):
        settings, _ = _settings_of(compose, name, monkeypatch)
        assert settings.qdrant_url and settings.database_url
        seen.add((settings.qdrant_url, settings.database_url, settings.collection))
        database = urlsplit(settings.database_url)
        assert (database.hostname, database.port) == ("postgres", 5432)
        assert database.username == postgres["POSTGRES_USER"]
        assert database.password == postgres["POSTGRES_PASSWORD"]
        assert database.path == f"/{postgres['POSTGRES_DB']}"
        assert urlsplit(settings.qdrant_url).hostname == "qdrant"
        if name in REPLICAS:  # state shared through the same database
            assert settings.shared_state_url == settings.database_url
    assert len(seen) == 1


def _networks(service: dict[str, Any]) -> set[str]:
    """The networks a service is on (compose's "default" when it names none)."""
    return set(service.get("networks") or ["default"])


def test_every_service_shares_a_network_with_the_hosts_it_names(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A replica reaches qdrant and postgres by name, the proxy reaches the replicas:
    only when they share a network (a service naming none is on "default" alone)."""
    from urllib.parse import urlsplit

    services = compose["services"]
    for name in (*REPLICAS, "bot"):
        settings, _ = _settings_of(compose, name, monkeypatch)
        for url in (settings.qdrant_url, settings.database_url):
            host = urlsplit(str(url)).hostname
            assert host in services, f"{name} names {host}, no service"
            shared = _networks(services[name]) & _networks(services[host])
            assert shared, f"{name} cannot reach {host}: no network in common"
    config = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    for replica in re.findall(r"server ([\w-]+):\d+", config):
        assert _networks(services["proxy"]) & _networks(services[replica])
    declared = set(compose.get("networks") or {}) | {"default"}
    for name, service in services.items():
        assert _networks(service) <= declared, f"{name} is on an undeclared network"


def test_the_file_validates_against_the_compose_specification() -> None:
    """The Compose Specification's JSON schema (vendored by check-jsonschema, a dev
    dependency) accepts the file as `docker compose` would parse it: keys, types, the
    healthcheck and depends_on forms. It needs no Docker engine."""
    import subprocess
    import sys

    pytest.importorskip("check_jsonschema")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            str(ROOT / "docker-compose.yml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
