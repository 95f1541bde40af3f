"""Production settings: refuse to start without secrets; `check --deploy` is clean."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR
SECRETS = {
    "SECRET_KEY": "ci-dummy-3q9v!x7k$m2p#r8w@t5z^b1n&c4h*j6f(l0s)d=g+y_e-a",
    "ALLOWED_HOSTS": "borgerraadgiver.example.invalid",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/none",
    "WB_ENCRYPTION_KEY": "cHJvZC1kdW1teS13aGlzdGxlYmxvd2VyLWtleS0zMmI=",
}


def run_with_prod_settings(env_overrides, *args):
    env = {k: v for k, v in os.environ.items() if k not in SECRETS and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.prod", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_production_refuses_to_start_without_each_secret(missing):
    env = {k: v for k, v in SECRETS.items() if k != missing}
    result = run_with_prod_settings(env, "check")
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set in production." in result.stderr


def test_production_refuses_a_whistleblower_key_equal_to_the_secret_key():
    result = run_with_prod_settings({**SECRETS, "WB_ENCRYPTION_KEY": SECRETS["SECRET_KEY"]}, "check")
    assert result.returncode != 0
    assert "WB_ENCRYPTION_KEY must differ from SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_with_prod_settings(SECRETS, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_seed_demo_refuses_under_production_settings():
    result = run_with_prod_settings(SECRETS, "seed_demo")
    assert result.returncode != 0
    assert "refuses to run here" in result.stderr


def test_the_project_does_not_shadow_pythons_statistics_module():
    result = subprocess.run(
        [sys.executable, "-c", "import statistics; print(statistics.pstdev([1, 2]))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "0.5"


def test_production_cookies_are_secure_and_the_throttles_share_one_cache():
    script = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.LANGUAGE_COOKIE_SECURE, s.CACHES['default']['BACKEND'], s.SILENCED_SYSTEM_CHECKS)"
    )
    result = run_with_prod_settings(SECRETS, "shell", "-v", "0", "-c", script)
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "True",
        "core.cache.DatabaseCache",  # Django's, with an atomic incr (core/cache.py)
        "[]",
    ]
    redis = run_with_prod_settings(
        {**SECRETS, "REDIS_URL": "redis://127.0.0.1:6379/0"}, "shell", "-c", script
    )
    assert "django.core.cache.backends.redis.RedisCache" in redis.stdout
