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
