"""The label contract: the 13 codes of ``shared/spec/taxonomy.md`` and their routing defaults.

This module is the single source of truth in code for the label set. Corpus validation, the
model, the service and the reports all read labels from here; nothing else spells them out.

The text fields are in Bahasa Indonesia (what analysts and officers read) with the English
name alongside. Seed references name the source documents in ``shared/seeds/``:
``000`` (Itjen Kemenkes: forms and prohibited actions), ``001`` (SMP Negeri 1 Mejayan POS:
"perhatian khusus" list), ``003`` (DPMPTSP Kaltim: "jenis benturan kepentingan yang sering
terjadi" and "sumber penyebab").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

__all__ = [
    "Label",
    "RoutingStep",
    "LABELS",
    "CODES",
    "CONFLICT_CODES",
    "NOT_COI",
    "BASE_PROCEDURE",
    "UnknownLabelError",
    "get_label",
    "validate_labels",
    "taxonomy_as_dict",
]

NOT_COI = "bukan_benturan_kepentingan"


@dataclass(frozen=True)
class RoutingStep:
    """One step of a routing suggestion.

    ``deadline_days`` counts from the step named in ``after`` (or from receipt when
    ``after`` is None); ``day_kind`` is ``"kerja"`` (working days: no weekends or national
    holidays) or ``"kalender"`` (calendar days). A step without a deadline has ``None``.
    """

    key: str
    unit: str
    action: str
    deadline_days: int | None = None
    day_kind: str = "kerja"
    after: str | None = None
    condition: str | None = None


@dataclass(frozen=True)
class Label:
    """One code of the taxonomy with everything the rest of the library needs to know."""

    number: int
    code: str
    name_id: str
    name_en: str
    definition: str
    seed_refs: tuple[str, ...]
    cues: tuple[str, ...]
    boundary: tuple[str, ...] = ()
    extra_routing: tuple[RoutingStep, ...] = field(default_factory=tuple)

    @property
    def is_coi(self) -> bool:
        return self.code != NOT_COI


# The handling procedure of seeds 000, 001 and 003 (Permenpan RB 37/2012): the backbone of
# every routing suggestion for a conflict of interest.
BASE_PROCEDURE: tuple[RoutingStep, ...] = (
    RoutingStep(
        key="laporan_diterima",
        unit="Atasan langsung pejabat terlapor dan Inspektorat/APIP instansi",
        action="Laporan diteruskan kepada atasan langsung pejabat terlapor, tembusan Inspektorat.",
        deadline_days=None,
    ),
    RoutingStep(
        key="verifikasi_atasan",
        unit="Atasan langsung",
        action="Memeriksa kebenaran laporan paling lambat 3 (tiga) hari kerja.",
        deadline_days=3,
        day_kind="kerja",
    ),
    RoutingStep(
        key="tinjau_ulang",
        unit="Atasan dari atasan langsung",
        action=(
            "Jika laporan benar, keputusan dan/atau tindakan ditinjau kembali dalam jangka "
            "waktu 2 (dua) hari; jika tidak benar, keputusan tetap berlaku."
        ),
        # The seeds say "2 (dua) hari" without "kerja": we count calendar days, the stricter
        # reading, so a suggested due date is never later than the procedure allows.
        deadline_days=2,
        day_kind="kalender",
        after="verifikasi_atasan",
        condition="jika laporan terbukti benar",
    ),
    RoutingStep(
        key="pengawasan_tindak_lanjut",
        unit="Inspektorat / Tim Penanganan Benturan Kepentingan",
        action="Mengawasi pelaksanaan tindak lanjut hasil pemeriksaan.",
        deadline_days=None,
        after="tinjau_ulang",
    ),
)


LABELS: tuple[Label, ...] = (
    Label(
        1,
        "gratifikasi",
        "Gratifikasi dan hadiah terkait jabatan",
        "Gratification / gifts tied to office",
        "Pejabat menerima (atau ditawari) hadiah, uang, fasilitas, diskon, tiket, refund atau "
        "pinjaman karena jabatannya atau karena suatu keputusan yang ia buat.",
        ("000 #1", "001 'Gratifikasi'", "003 sumber #4", "000 tindakan #2-#4"),
        ("parsel", "hadiah", "uang terima kasih", "tiket", "fee", "cashback", "refund hotel",
         "diskon khusus", "pinjaman tanpa bunga"),
        (
            "Uang yang DIMINTA pejabat sebagai harga layanan adalah komersialisasi_layanan; "
            "pemberian yang DITAWARKAN kepada pejabat karena keputusan/jabatan adalah gratifikasi. "
            "Keduanya bisa berlaku.",
        ),
        (
            RoutingStep(
                key="upg",
                unit="Unit Pengendalian Gratifikasi (UPG) instansi",
                action="Laporan diteruskan ke UPG untuk pencatatan dan penilaian gratifikasi.",
            ),
            RoutingStep(
                key="lapor_kpk",
                unit="KPK (Direktorat Gratifikasi)",
                action=(
                    "Penerima wajib melaporkan gratifikasi ke KPK paling lambat 30 hari kerja "
                    "sejak diterima (UU 20/2001 Pasal 12C)."
                ),
                deadline_days=30,
                day_kind="kerja",
            ),
        ),
    ),
    Label(
        2,
        "kebijakan_berpihak",
        "Kebijakan berpihak",
        "Biased policy or discretion",
        "Keputusan, peraturan, diskresi atau alokasi (bantuan, anggaran, lokasi proyek) yang "
        "menguntungkan pejabat, keluarganya, kelompok, partai atau usahanya.",
        ("003 #1", "000 #8, #10", "001 'intervensi pada jabatan sebelumnya'",
         "001 'tuntutan keluarga dan komunitas'"),
        ("keputusan/SK/perbup menguntungkan kelompok tertentu", "diskresi",
         "alokasi bantuan untuk kerabat"),
        (
            "Izin untuk satu pemohon adalah izin_diskriminatif; aturan umum yang menguntungkan "
            "kelompok pejabat adalah kebijakan_berpihak.",
            "Pengangkatan orang adalah rekrutmen_nepotisme, bukan kebijakan_berpihak.",
        ),
    ),
    Label(
        3,
        "izin_diskriminatif",
        "Pemberian izin yang diskriminatif",
        "Discriminatory permits",
        "Izin, rekomendasi atau sertifikat dipercepat/dipermudah untuk kenalan, kerabat atau "
        "pembayar, atau dipersulit untuk pesaing dan pengkritik.",
        ("003 #2",),
        ("izin/IMB/PBG/SIUP/NIB/rekomendasi teknis dipercepat untuk kenalan",
         "dipersulit untuk pesaing"),
        ("Izin yang diberikan/ditolak tidak adil tetap izin_diskriminatif walau ada suap "
         "(tambahkan gratifikasi).",),
    ),
    Label(
        4,
        "rekrutmen_nepotisme",
        "Pengangkatan pegawai berdasarkan hubungan dekat",
        "Nepotistic hiring, promotion or transfer",
        "Pengangkatan, promosi, mutasi atau penempatan orang karena hubungan keluarga, "
        "pertemanan, balas jasa atau rekomendasi pejabat.",
        ("003 #3", "000 #5"),
        ("honorer/PPPK/perangkat desa titipan", "anak/keponakan pejabat diangkat",
         "balas jasa pilkada", "mutasi/promosi"),
        ("Pengadaan barang/jasa adalah pengadaan_rekanan; orang yang diangkat adalah "
         "rekrutmen_nepotisme.",),
    ),
    Label(
        5,
        "pengadaan_rekanan",
        "Pemilihan rekanan/pengadaan tidak profesional",
        "Unprofessional partner or vendor selection",
        "Tender, lelang, penunjukan langsung atau pemilihan mitra diarahkan ke perusahaan "
        "keluarga/kenalan pejabat, HPS bocor, atau pemenang sudah diatur.",
        ("003 #4", "001 'kepentingan dalam pengadaan barang'"),
        ("tender/lelang/PL diarahkan", "perusahaan milik keluarga pejabat", "HPS bocor",
         "pemenang sudah diatur"),
        ("Jika pejabat juga pengurus perusahaan pemenang, tambahkan rangkap_jabatan.",),
    ),
    Label(
        6,
        "komersialisasi_layanan",
        "Komersialisasi pelayanan publik",
        "Commercialisation of public service",
        "Petugas meminta biaya tidak resmi untuk layanan yang gratis atau bertarif tetap, "
        "menjual 'jalur cepat', atau bekerja sama dengan calo.",
        ("003 #5",),
        ("biaya tak resmi untuk layanan gratis", "jalur cepat berbayar", "pungli KTP/KK/akta",
         "calo di loket"),
        ("Tarif resmi yang dipungut sesuai aturan dengan kuitansi adalah "
         "bukan_benturan_kepentingan.",),
        (
            RoutingStep(
                key="ombudsman",
                unit="Ombudsman RI (perwakilan provinsi)",
                action="Dugaan maladministrasi pelayanan publik dapat dilaporkan ke Ombudsman RI.",
            ),
        ),
    ),
    Label(
        7,
        "penyalahgunaan_aset",
        "Penggunaan aset jabatan/instansi untuk kepentingan pribadi",
        "Misuse of official assets",
        "Kendaraan, gedung, peralatan, anggaran atau pegawai instansi dipakai untuk "
        "kepentingan pribadi, keluarga atau golongan.",
        ("000 #2", "003 #6 (aset)", "000 tindakan #1"),
        ("mobil dinas untuk mudik/kampanye", "gedung/alat kantor untuk usaha pribadi",
         "anggaran untuk acara keluarga"),
        ("Memakai BARANG instansi adalah penyalahgunaan_aset; memakai DATA/INFORMASI instansi "
         "adalah penyalahgunaan_informasi.",),
    ),
    Label(
        8,
        "penyalahgunaan_informasi",
        "Penggunaan informasi rahasia/orang dalam",
        "Misuse of confidential or insider information",
        "Informasi rahasia jabatan atau data instansi dipakai untuk kepentingan pribadi, "
        "keluarga atau golongan.",
        ("000 #3", "001 'informasi orang dalam'", "003 #6 (informasi)"),
        ("bocoran soal ujian", "info rencana tata ruang untuk beli tanah",
         "data pemohon dijual"),
    ),
    Label(
        9,
        "rangkap_jabatan",
        "Perangkapan jabatan dan pekerjaan di luar tugas pokok",
        "Concurrent positions and outside employment",
        "Pejabat memegang jabatan lain atau pekerjaan di luar tugas pokok yang berbenturan "
        "dengan tugasnya.",
        ("000 #4, #9", "001 'pekerjaan tambahan', 'kedudukan di organisasi lain', "
         "'perangkapan jabatan'", "003 sumber #2"),
        ("komisaris BUMD sambil kepala dinas", "dokter RSUD merujuk ke klinik pribadi",
         "konsultan swasta untuk proyek yang ia awasi"),
        ("Jika rangkap jabatan dipakai untuk memenangkan kontrak, tambahkan pengadaan_rekanan.",),
    ),
    Label(
        10,
        "pengawasan_bias",
        "Pengawasan tidak objektif",
        "Biased supervision",
        "Pemeriksaan, audit, inspeksi atau pemantauan yang tidak objektif karena pengawas "
        "bagian dari/terpengaruh pihak yang diawasi atau tidak mengikuti prosedur.",
        ("003 #7, #8, #10", "000 #6"),
        ("pemeriksa/auditor bagian dari pihak yang diawasi",
         "temuan dihapus karena pengaruh", "pemeriksaan tidak sesuai prosedur"),
        ("Mengawasi/memeriksa adalah pengawasan_bias; menilai/memberi skor adalah "
         "penilaian_bias.",),
    ),
    Label(
        11,
        "penilaian_bias",
        "Penilaian tidak objektif",
        "Biased assessment",
        "Penilaian (ujian, skor evaluasi tender, penilaian kinerja, akreditasi, lomba) oleh "
        "penilai yang berkepentingan, bawahan pihak yang dinilai, atau menilai hasil kerjanya "
        "sendiri.",
        ("003 #9, #11, #12", "000 #7"),
        ("penilai bawahan pihak yang dinilai", "juri/penguji punya kepentingan",
         "menilai hasil kerjanya sendiri", "nilai kinerja/akreditasi diatur"),
    ),
    Label(
        12,
        "penegakan_hukum_terpengaruh",
        "Penyelidikan/penyidikan/penuntutan terpengaruh pihak lain",
        "Law enforcement swayed by other parties",
        "Penyelidikan, penyidikan, penuntutan atau penanganan perkara dipengaruhi kedekatan "
        "atau tekanan pihak lain.",
        ("003 #13, #14",),
        ("kasus dihentikan/SP3 karena kedekatan", "tuntutan jaksa diringankan",
         "penyidik diintervensi"),
        (),
        (
            RoutingStep(
                key="pengawasan_internal_aph",
                unit="Pengawasan internal aparat penegak hukum (Jamwas Kejaksaan, Propam/Itwasum "
                "Polri, Bawas MA)",
                action="Laporan diteruskan ke pengawas internal lembaga penegak hukum terkait.",
            ),
            RoutingStep(
                key="kpk",
                unit="KPK (Pengaduan Masyarakat)",
                action="Tembusan ke KPK bila ada dugaan tindak pidana korupsi.",
            ),
        ),
    ),
    Label(
        13,
        NOT_COI,
        "Bukan benturan kepentingan",
        "Not a conflict of interest",
        "Keluhan layanan biasa, pertanyaan, atau spam tanpa kepentingan pribadi pejabat.",
        (),
        ("jalan rusak", "antrean lama", "lampu mati", "pertanyaan", "spam"),
        ("Layanan lambat, kasar atau rusak tanpa kepentingan pribadi pejabat adalah "
         "bukan_benturan_kepentingan.",),
        (
            RoutingStep(
                key="kanal_pengaduan",
                unit="Kanal pengaduan pelayanan publik (SP4N-LAPOR! atau meja pengaduan unit)",
                action="Diteruskan ke kanal pengaduan biasa, bukan jalur benturan kepentingan.",
            ),
        ),
    ),
)

CODES: tuple[str, ...] = tuple(label.code for label in LABELS)
CONFLICT_CODES: tuple[str, ...] = tuple(code for code in CODES if code != NOT_COI)
_BY_CODE = {label.code: label for label in LABELS}


class UnknownLabelError(ValueError):
    """A label code that is not part of the contract."""


def get_label(code: str) -> Label:
    """Return the :class:`Label` for ``code`` or raise :class:`UnknownLabelError`."""
    try:
        return _BY_CODE[code]
    except (KeyError, TypeError):
        raise UnknownLabelError(
            f"Label tidak dikenal: {code!r} (unknown label). Label yang sah: {', '.join(CODES)}"
        ) from None


def validate_labels(labels) -> list[str]:
    """Check a label list against the contract and return it as a list.

    Rules: a non-empty list of known codes, no repeats, and ``bukan_benturan_kepentingan``
    only on its own. Raises :class:`UnknownLabelError` for unknown codes and ``ValueError``
    for the other rules, with an Indonesian message and the English in brackets.
    """
    if isinstance(labels, str) or not isinstance(labels, (list, tuple)):
        raise ValueError("labels harus berupa daftar kode (labels must be a list of codes)")
    if not labels:
        raise ValueError("labels tidak boleh kosong (labels must not be empty)")
    for code in labels:
        get_label(code)
    if len(set(labels)) != len(labels):
        raise ValueError("label tidak boleh berulang (duplicate label)")
    if NOT_COI in labels and len(labels) > 1:
        raise ValueError(
            f"{NOT_COI} tidak boleh digabung dengan label lain "
            f"({NOT_COI} must stand alone)"
        )
    return list(labels)


def taxonomy_as_dict() -> dict:
    """The whole taxonomy as plain JSON-ready data (for ``coi-nlp labels --json`` and the API)."""
    return {
        "labels": [
            {**asdict(label), "is_coi": label.is_coi} for label in LABELS
        ],
        "base_procedure": [asdict(step) for step in BASE_PROCEDURE],
    }
