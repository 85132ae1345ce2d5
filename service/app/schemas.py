"""Request and response schemas of the API, in one place (Base -> Create -> Public)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

EXAMPLE_TEXT = ("Yth. Inspektorat, izin usaha milik adik ipar Kepala Dinas PMPTSP keluar dalam "
                "dua hari setelah ia mengirim parsel Lebaran, sedangkan izin kami tertahan tiga "
                "bulan.")


class ErrorDetail(BaseModel):
    code: str = Field(examples=["teks_kosong"])
    pesan: str = Field(description="pesan dalam Bahasa Indonesia",
                       examples=["Teks pengaduan kosong."])
    message: str = Field(description="English message", examples=["Complaint text is empty."])


class ErrorResponse(BaseModel):
    error: ErrorDetail


class TriageBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="teks pengaduan (maks. 20.000 karakter)",
                      examples=[EXAMPLE_TEXT])
    external_id: str | None = Field(None, max_length=200, examples=["LAPOR-2026-000123"],
                                    description="id di sistem pengirim")
    received_at: date | None = Field(None, description="tanggal laporan diterima; tenggat "
                                     "dihitung dari tanggal ini (bawaan: hari ini)",
                                     examples=["2026-11-20"])
    institution: str | None = Field(None, max_length=100, pattern=r"^[a-z0-9_-]+$",
                                    description="nama konfigurasi instansi (berkas TOML)",
                                    examples=["kab_contoh"])


class TriageCreate(TriageBase):
    pass


class BatchCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[TriageCreate] = Field(description="paling banyak COI_MAX_BATCH_ITEMS (bawaan 100)")


class ExplanationTerm(BaseModel):
    kata: str
    bobot: float


class Official(BaseModel):
    teks: str
    jabatan: str
    tingkat: str


class Institution(BaseModel):
    teks: str


class Amount(BaseModel):
    teks: str
    rupiah: int
    perkiraan: bool


class DateFact(BaseModel):
    teks: str
    iso: str


class KeyFacts(BaseModel):
    pejabat: list[Official]
    instansi: list[Institution]
    jumlah_uang: list[Amount]
    tanggal: list[DateFact]


class Priority(BaseModel):
    tingkat: str = Field(examples=["tinggi"])
    alasan: list[str]


class RoutingStep(BaseModel):
    key: str
    unit: str
    action: str
    deadline_days: int | None
    day_kind: str | None
    due_date: str | None
    condition: str | None
    labels: list[str]
    note: str | None


class TriagePublic(BaseModel):
    triage_id: str
    external_id: str | None
    model_version: str
    labels: list[str]
    primary: str
    probabilities: dict[str, float]
    is_coi: bool
    coi_probability: float
    needs_review: bool
    review_reasons: list[str]
    explanation: dict[str, list[ExplanationTerm]]
    key_facts: KeyFacts
    priority: Priority
    received_at: str
    routing: list[RoutingStep]


class BatchItemPublic(BaseModel):
    index: int
    ok: bool
    result: TriagePublic | None = None
    error: ErrorDetail | None = None


class BatchPublic(BaseModel):
    items: list[BatchItemPublic]


class FeedbackCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    labels: list[str] | None = Field(
        None, description="label yang benar (label pertama = utama); kosongkan untuk "
                          "membenarkan label model", examples=[["izin_diskriminatif", "gratifikasi"]])
    note: str | None = Field(None, max_length=2000, examples=["Parsel terbukti dari pemohon."])


class FeedbackPublic(BaseModel):
    feedback_id: int
    triage_id: str
    labels: list[str]
    confirmed: bool
    note: str | None
    created_at: str


class Health(BaseModel):
    status: str
    model_version: str | None = None
    schema_version: int | None = None
