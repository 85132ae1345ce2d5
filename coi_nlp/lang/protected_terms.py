"""Domain words that Sastrawi over-stems, with the stem we keep for them.

Sastrawi strips affixes by rule and dictionary; for some words central to this domain the
result merges them with unrelated or stop words ("pengadaan" -> "ada", "pengaduan" -> "adu",
"berkepentingan" -> "ting", "perbankan" -> "perban", "sebagai" -> "bagai"). The stemmer
returns the value below instead of Sastrawi's stem for these surface forms.
"""

PROTECTED_STEMS = {
    "pengadaan": "pengadaan",
    "pengadaannya": "pengadaan",
    "diadakan": "pengadaan",
    "pengaduan": "pengaduan",
    "pengaduannya": "pengaduan",
    "kepentingan": "kepentingan",
    "kepentingannya": "kepentingan",
    "berkepentingan": "kepentingan",
    "perbankan": "perbankan",
    "sebagai": "sebagai",
    "perizinan": "perizinan",
    "pelelangan": "lelang",
    "pungutan": "pungutan",
    "pungli": "pungli",
    "penyidik": "penyidik",
    "penyidikan": "penyidikan",
    "penyelidikan": "penyelidikan",
    "penuntutan": "penuntutan",
    "pengawasan": "pengawasan",
    "pengawas": "pengawas",
    "penilaian": "penilaian",
    "penilai": "penilai",
    "rekanan": "rekanan",
    "perusahaan": "perusahaan",
    "pegawai": "pegawai",
    "pejabat": "pejabat",
    "penyalahgunaan": "penyalahgunaan",
    "kebijakan": "kebijakan",
    "jabatan": "jabatan",
}

# Placeholder tokens produced by redaction and money normalisation: never stemmed.
PLACEHOLDERS = {"xxnik", "xxnip", "xxtelepon", "xxemail", "xxplat", "xxurl", "xxuang"}
