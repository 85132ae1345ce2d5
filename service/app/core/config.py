"""All service settings, read from the environment (prefix ``COI_``) in one place."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COI_", env_file=None, extra="ignore")

    data_dir: Path = Field(Path("data"), description="where the embedded SQLite lives")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; default sqlite:///<data_dir>/coi.db. Production: "
                          "postgresql+psycopg://user:pass@host/db")
    model_dir: Path | None = Field(
        None, description="fixed model directory; default: the registry's current model "
                          "(models/CURRENT, else models/coi-default), followed on promotion")
    institutions_dir: Path | None = Field(
        None, description="directory of <name>.toml institution configs for `institution`")
    max_text_chars: int = 20_000
    max_batch_items: int = 100
    # Bodies are refused before parsing above this size: 100 items of 20,000 characters of
    # up to 4 bytes each, plus JSON overhead.
    max_body_bytes: int = 8_500_000
    webhook_max_attempts: int = 6
    webhook_backoff_seconds: float = 0.5
    webhook_timeout_seconds: float = 5.0
    log_level: str = "INFO"

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'coi.db').resolve()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
