"""Officials, institutions and dates as complaints write them: plain data for
:mod:`coi_nlp.facts`.

Our own lists, written for this domain from the complaint corpus (formal letters, chat text,
regional abbreviations). Every key is lower-case; multi-word keys are matched token by token
on spaCy's Indonesian tokenizer, so "wali kota" and "walikota" are separate entries.

- ``POSITION_TITLES``: canonical title -> seniority level (one of ``SENIORITY_LEVELS``).
- ``TITLE_VARIANTS``: abbreviation or other spelling -> canonical title.
- ``INSTITUTION_KEYWORDS``: words that open an institution name and need a name after them.
- ``INSTITUTION_ACRONYMS``: names that are an institution on their own.
- ``UNIT_WORDS``: fields of government written in lower case after a title or a keyword.
- ``MONTHS``: month names and abbreviations -> month number.
"""

SENIORITY_LEVELS = ("tinggi", "menengah", "rendah")

POSITION_TITLES = {
    # tinggi: regional heads, heads of agencies and vertical offices, leaders of law
    # enforcement, DPRD members, judges, university rectors, ministers
    "bupati": "tinggi",
    "wakil bupati": "tinggi",
    "wali kota": "tinggi",
    "wakil wali kota": "tinggi",
    "gubernur": "tinggi",
    "wakil gubernur": "tinggi",
    "sekretaris daerah": "tinggi",
    "kepala dinas": "tinggi",
    "kepala badan": "tinggi",
    "kepala satpol pp": "tinggi",
    "inspektur": "tinggi",
    "inspektur jenderal": "tinggi",
    "kepala kantor pertanahan": "tinggi",
    "kepala kantor imigrasi": "tinggi",
    "kepala kantor kementerian agama": "tinggi",
    "kepala kanwil": "tinggi",
    "direktur rsud": "tinggi",
    "direktur bumd": "tinggi",
    "kepala kejaksaan negeri": "tinggi",
    "kepala kejaksaan tinggi": "tinggi",
    "jaksa agung": "tinggi",
    "kapolres": "tinggi",
    "wakapolres": "tinggi",
    "kapolda": "tinggi",
    "kapolri": "tinggi",
    "rektor": "tinggi",
    "wakil rektor": "tinggi",
    "anggota dprd": "tinggi",
    "ketua dprd": "tinggi",
    "wakil ketua dprd": "tinggi",
    "sekretaris dprd": "tinggi",
    "hakim": "tinggi",
    "ketua pengadilan": "tinggi",
    "menteri": "tinggi",
    "wakil menteri": "tinggi",
    "direktur jenderal": "tinggi",
    "sekretaris jenderal": "tinggi",
    # menengah: heads of sub-district, village, school, clinic and unit; section heads;
    # investigators, prosecutors, auditors; procurement officials
    "camat": "menengah",
    "sekretaris camat": "menengah",
    "lurah": "menengah",
    "kepala desa": "menengah",
    "kepala distrik": "menengah",
    "kepala sekolah": "menengah",
    "kepala madrasah": "menengah",
    "kepala puskesmas": "menengah",
    "kepala bidang": "menengah",
    "kepala bagian": "menengah",
    "kepala seksi": "menengah",
    "kepala subbagian": "menengah",
    "kepala subbidang": "menengah",
    "sekretaris dinas": "menengah",
    "sekretaris badan": "menengah",
    "kepala upt": "menengah",
    "kepala balai": "menengah",
    "kepala kua": "menengah",
    "kepala kantor": "menengah",
    "kepala lapas": "menengah",
    "kepala rutan": "menengah",
    "kepala cabang dinas": "menengah",
    "kapolsek": "menengah",
    "kasat": "menengah",
    "kanit": "menengah",
    "penyidik": "menengah",
    "jaksa": "menengah",
    "panitera": "menengah",
    "auditor": "menengah",
    "inspektur pembantu": "menengah",
    "inspektur tambang": "menengah",
    "ppk": "menengah",
    "pokja pemilihan": "menengah",
    "pejabat pengadaan": "menengah",
    "kuasa pengguna anggaran": "menengah",
    "dekan": "menengah",
    "wakil dekan": "menengah",
    "ketua program studi": "menengah",
    "wakil direktur": "menengah",
    "ketua bpd": "menengah",
    # rendah: village officers, staff and front-line professionals
    "sekretaris desa": "rendah",
    "kepala urusan": "rendah",
    "kepala dusun": "rendah",
    "kepala lingkungan": "rendah",
    "ketua rt": "rendah",
    "ketua rw": "rendah",
    "bendahara": "rendah",
    "staf": "rendah",
    "petugas": "rendah",
    "honorer": "rendah",
    "operator": "rendah",
    "guru": "rendah",
    "wakil kepala sekolah": "rendah",
    "pengawas sekolah": "rendah",
    "koordinator wilayah": "rendah",
    "dosen": "rendah",
    "dokter": "rendah",
    "perawat": "rendah",
    "bidan": "rendah",
    "apoteker": "rendah",
    "penyuluh": "rendah",
    "pendamping": "rendah",
    "penghulu": "rendah",
    "juru sita": "rendah",
}

TITLE_VARIANTS = {
    # regional heads
    "wabup": "wakil bupati",
    "walikota": "wali kota",
    "walkot": "wali kota",
    "wakil walikota": "wakil wali kota",
    "wawali": "wakil wali kota",
    "wawalkot": "wakil wali kota",
    "wagub": "wakil gubernur",
    "sekda": "sekretaris daerah",
    "sekdakab": "sekretaris daerah",
    "sekdakot": "sekretaris daerah",
    "sekdaprov": "sekretaris daerah",
    # heads of dinas (kadis + the agency's own acronym)
    "kadis": "kepala dinas",
    "kadisdik": "kepala dinas",
    "kadisdikbud": "kepala dinas",
    "kadinkes": "kepala dinas",
    "kadiskes": "kepala dinas",
    "kadinsos": "kepala dinas",
    "kadissos": "kepala dinas",
    "kadishub": "kepala dinas",
    "kadispora": "kepala dinas",
    "kadispar": "kepala dinas",
    "kadisparbud": "kepala dinas",
    "kadisbudpar": "kepala dinas",
    "kadisbud": "kepala dinas",
    "kadisbun": "kepala dinas",
    "kadistan": "kepala dinas",
    "kadisnaker": "kepala dinas",
    "kadisperindag": "kepala dinas",
    "kadiskominfo": "kepala dinas",
    "kadisdukcapil": "kepala dinas",
    "kadisperkim": "kepala dinas",
    "kadispupr": "kepala dinas",
    "kadislh": "kepala dinas",
    "kepala dinkes": "kepala dinas",
    "kepala disdik": "kepala dinas",
    "kepala dinsos": "kepala dinas",
    "kepala dishub": "kepala dinas",
    "kepala dlh": "kepala dinas",
    "kepala dpmptsp": "kepala dinas",
    "kepala dukcapil": "kepala dinas",
    "kepala disdukcapil": "kepala dinas",
    "sekdis": "sekretaris dinas",
    # heads of badan
    "kaban": "kepala badan",
    "kalak": "kepala badan",
    "kalaksa": "kepala badan",
    "kepala pelaksana bpbd": "kepala badan",
    "kepala bpbd": "kepala badan",
    "kepala bappeda": "kepala badan",
    "kepala bapenda": "kepala badan",
    "kepala bkd": "kepala badan",
    "kepala bkpsdm": "kepala badan",
    "kepala bkpp": "kepala badan",
    "kepala bpkad": "kepala badan",
    "kepala kesbangpol": "kepala badan",
    "kasatpol": "kepala satpol pp",
    "kasatpol pp": "kepala satpol pp",
    "kasat pol pp": "kepala satpol pp",
    "kepala satuan polisi pamong praja": "kepala satpol pp",
    # supervision
    "kepala inspektorat": "inspektur",
    "irjen": "inspektur jenderal",
    "irban": "inspektur pembantu",
    # vertical offices
    "kakantah": "kepala kantor pertanahan",
    "kepala bpn": "kepala kantor pertanahan",
    "kepala kantor bpn": "kepala kantor pertanahan",
    "kakanim": "kepala kantor imigrasi",
    "kepala imigrasi": "kepala kantor imigrasi",
    "kakankemenag": "kepala kantor kementerian agama",
    "kepala kemenag": "kepala kantor kementerian agama",
    "kepala kantor kemenag": "kepala kantor kementerian agama",
    "kakanwil": "kepala kanwil",
    "kepala kantor wilayah": "kepala kanwil",
    "kakan": "kepala kantor",
    # hospitals and regional enterprises
    "direktur rumah sakit": "direktur rsud",
    "direktur rs": "direktur rsud",
    "dirut rs": "direktur rsud",
    "dirut rsud": "direktur rsud",
    "direktur utama rsud": "direktur rsud",
    "direktur pdam": "direktur bumd",
    "dirut pdam": "direktur bumd",
    "direktur utama pdam": "direktur bumd",
    "direktur utama bumd": "direktur bumd",
    "dirut bumd": "direktur bumd",
    "direktur perumda": "direktur bumd",
    "dirut perumda": "direktur bumd",
    "direktur utama perumda": "direktur bumd",
    "direktur bpr": "direktur bumd",
    "dirut bpr": "direktur bumd",
    "direktur bank": "direktur bumd",
    "dirut bank": "direktur bumd",
    "wadir": "wakil direktur",
    # law enforcement and courts
    "kajari": "kepala kejaksaan negeri",
    "kepala kejari": "kepala kejaksaan negeri",
    "kajati": "kepala kejaksaan tinggi",
    "kepala kejati": "kepala kejaksaan tinggi",
    "kapolresta": "kapolres",
    "kapolrestabes": "kapolres",
    "kepala kepolisian resor": "kapolres",
    "kapolsekta": "kapolsek",
    "kepala kepolisian sektor": "kapolsek",
    "penyidik pembantu": "penyidik",
    "penyelidik": "penyidik",
    "jpu": "jaksa",
    "jaksa penuntut umum": "jaksa",
    "majelis hakim": "hakim",
    "hakim anggota": "hakim",
    "hakim ketua": "hakim",
    "dewan hakim": "hakim",
    "ketua pn": "ketua pengadilan",
    "ketua pengadilan negeri": "ketua pengadilan",
    "ketua pengadilan agama": "ketua pengadilan",
    "panitera pengganti": "panitera",
    "jurusita": "juru sita",
    # universities
    "warek": "wakil rektor",
    "wadek": "wakil dekan",
    "kaprodi": "ketua program studi",
    "ketua prodi": "ketua program studi",
    # legislature and ministries
    "anggota dewan": "anggota dprd",
    "anggota dprk": "anggota dprd",
    "sekwan": "sekretaris dprd",
    "wamen": "wakil menteri",
    "dirjen": "direktur jenderal",
    "sekjen": "sekretaris jenderal",
    # sub-district and village (with regional names of the village head)
    "sekcam": "sekretaris camat",
    "kepala kelurahan": "lurah",
    "kades": "kepala desa",
    "kepala kampung": "kepala desa",
    "kepala gampong": "kepala desa",
    "keuchik": "kepala desa",
    "geuchik": "kepala desa",
    "kuwu": "kepala desa",
    "pambakal": "kepala desa",
    "kalebun": "kepala desa",
    "perbekel": "kepala desa",
    "wali nagari": "kepala desa",
    "hukum tua": "kepala desa",
    "kepala lembang": "kepala desa",
    "kepala tiyuh": "kepala desa",
    "sekdes": "sekretaris desa",
    "carik": "sekretaris desa",
    "kaur": "kepala urusan",
    "kadus": "kepala dusun",
    "kaling": "kepala lingkungan",
    # schools, clinics and units
    "kepsek": "kepala sekolah",
    "kasek": "kepala sekolah",
    "kepala sd": "kepala sekolah",
    "kepala sdn": "kepala sekolah",
    "kepala smp": "kepala sekolah",
    "kepala smpn": "kepala sekolah",
    "kepala sma": "kepala sekolah",
    "kepala sman": "kepala sekolah",
    "kepala smk": "kepala sekolah",
    "kepala smkn": "kepala sekolah",
    "kepala slb": "kepala sekolah",
    "wakasek": "wakil kepala sekolah",
    "kamad": "kepala madrasah",
    "kepala mts": "kepala madrasah",
    "kepala mtsn": "kepala madrasah",
    "kepala man": "kepala madrasah",
    "kepala min": "kepala madrasah",
    "kapus": "kepala puskesmas",
    "kapuskes": "kepala puskesmas",
    "kepala pkm": "kepala puskesmas",
    "kabid": "kepala bidang",
    "kabag": "kepala bagian",
    "kasi": "kepala seksi",
    "kasie": "kepala seksi",
    "kasubag": "kepala subbagian",
    "kasubbag": "kepala subbagian",
    "kepala sub bagian": "kepala subbagian",
    "kasubid": "kepala subbidang",
    "kasubbid": "kepala subbidang",
    "kepala uptd": "kepala upt",
    "kepala blk": "kepala upt",
    "kalapas": "kepala lapas",
    "kepala lembaga pemasyarakatan": "kepala lapas",
    "karutan": "kepala rutan",
    "kacabdin": "kepala cabang dinas",
    "korwil": "koordinator wilayah",
    # procurement
    "pejabat pembuat komitmen": "ppk",
    "pokja": "pokja pemilihan",
    "anggota pokja": "pokja pemilihan",
    "pokja ukpbj": "pokja pemilihan",
    "pokja ulp": "pokja pemilihan",
    "kpa": "kuasa pengguna anggaran",
    # staff
    "staff": "staf",
    "tenaga honorer": "honorer",
    "pegawai honorer": "honorer",
    "wali kelas": "guru",
    "guru honorer": "guru",
    "bidan desa": "bidan",
    "penyuluh pertanian": "penyuluh",
    "pendamping desa": "pendamping",
    "pendamping pkh": "pendamping",
}

# Written right before a title and kept in the official's text ("Pj Bupati", "Plt Kadis").
TITLE_PREFIXES = ("pj", "plt", "plh", "penjabat", "pelaksana tugas", "pelaksana harian",
                  "mantan", "eks")

# Surface forms that are also ordinary words ("kasi tau" = kasih tahu) or private jobs (tour
# "operator", church "pendamping"): officials only with a unit after them ("kasi trantib",
# "operator desa").
TITLES_NEEDING_UNIT = set("kasi operator pendamping".split())

# Titles that are also common surnames ("Lukman Hakim"): not a title right after a name.
TITLES_ALSO_NAMES = set("hakim".split())

# Forms of address before a name or title; they end a name ("Camat Pak Budi" -> "Camat").
HONORIFICS = set("bapak pak bpk bp ibu bu ibuk sdr saudara saudari yth mas mbak bang kak".split())

# A title right after these (optionally with a filler) describes the reporter ("saya guru",
# "kami para perawat"), not an official the complaint is about.
SELF_REFERENCES = set("saya sy aku kami kmi gw gue gua ane".split())
SELF_FILLERS = set("seorang sebagai selaku adalah para sejumlah beberapa juga hanya cuma".split())

INSTITUTION_KEYWORDS = set(
    """
    badan balai bank dinas desa gampong institut kantor kanwil kecamatan kejaksaan kelurahan
    kementerian lapas ma madrasah man mi min mts mtsn nagari pemerintah pengadilan perumda
    politeknik puskesmas rs rsia rsu rutan sd sdn sekolah slb sma sman smk smkn smp smpn
    universitas upt uptd
    """.split()
) | {"rumah sakit", "kantor wilayah", "dinas pemberdayaan masyarakat dan desa"}

# Keywords written in capitals only: in lower case they are chat words ("sma" = sama, "sd" =
# sampai dengan, "man", "mi", "pa").
UPPERCASE_ONLY_KEYWORDS = set("ma man mi min pa pn sd sma".split())

# School keywords: a number may follow them ("SMPN 1 Bantul", "SDN Tanah Sareal 2").
SCHOOL_KEYWORDS = set(
    "ma madrasah man mi min mts mtsn sd sdn slb sma sman smk smkn smp smpn".split()
)

# Words after which a number belongs to the name ("SMP Negeri 3", "Nomor 2").
NUMBERED_NAME_WORDS = set("negeri no nomor".split())

# Names that are an institution on their own (one per region, or a national body).
INSTITUTION_ACRONYMS = set(
    """
    bapenda bappeda bareskrim bkd bkpp bkpsdm blk bpbd bpjs bpk bpkad bpkp bpn bpr bumd bumdes
    dinkes dinsos disdik disdukcapil dishub diskominfo disnaker dispar disperindag dispora
    distan dlh dpmd dpmptsp dprd dprk dukcapil imigrasi inspektorat itjen kejagung kejari
    kejati kemenag kemendagri kemendikbud kemenkes kemensos kesbangpol kpk kua lpse ombudsman
    pa pdam pemda pemkab pemkot pemprov pn polda polres polresta polrestabes polri polsek
    propam pupr rsud samsat setda setwan ukpbj
    """.split()
) | {"bpjs kesehatan", "satpol pp"}

# Nouns that make the next keyword an adjective: "mobil dinas", "rumah dinas", "jam kantor".
NOT_INSTITUTION_AFTER = set(
    "alat aset baju gedung jam kendaraan mess mobil motor pakaian perjalanan rumah seragam "
    "surat urusan".split()
)

# Fields of government as written in lower case after a title or keyword ("kadis pendidikan",
# "kabid yankes", "dinas lingkungan hidup"). A phrase of several words matches as a whole.
UNIT_WORDS = set(
    """
    anggaran arsip aset capil damkar datun dukcapil energi esdm farmasi gizi humas
    imigrasi intel intelijen kearsipan kebersihan kebudayaan kedaruratan kehutanan kelautan
    kepegawaian kependudukan kesehatan kesejahteraan kesiswaan kesmas kesra keswan
    ketenagakerjaan ketertiban keuangan kominfo koperasi kurikulum lantas logistik mutasi
    naker narkoba olahraga p2p pajak pangan pariwisata pelayanan pemakaman pembangunan
    pemerintahan pemuda pendapatan pendidikan pengadaan pengawasan perdagangan perencanaan
    perhubungan perikanan perindustrian perizinan perkebunan perkim permukiman pertamanan
    pertanahan pertanian perumahan peternakan pidsus pidum pmd pu pupr reskrim sarpras sdk
    sosial trantib umkm umum yankes
    """.split()
) | {
    "bina marga", "cipta karya", "kesehatan hewan", "ketahanan pangan", "lalu lintas",
    "lingkungan hidup", "pekerjaan umum", "pemadam kebakaran", "pemberdayaan masyarakat",
    "penanaman modal", "pencatatan sipil", "sumber daya air", "tata ruang",
}

# Stop words that may be part of a capitalised name ("Jawa Tengah", "Rumah Sakit Umum",
# "Pengadilan Tinggi", "Kementerian Dalam Negeri", "Kota Baru").
NAME_WORDS = set(
    "atas baru bawah besar bersama dalam dua empat jauh kecil lama lima luar panjang satu "
    "tengah tiga tinggi umum".split()
)

# Labels of reporter data; they end a name ("Kepala Desa Sukamaju NIK [NIK]").
CONTACT_WORDS = set("email hp nik nip plat surel telepon telp wa".split())
# Currency words are capitalised ("Rp") but never part of a name.
CURRENCY_WORDS = set("rp idr rupiah usd".split())

# Abbreviations that a full stop may follow inside a name ("Kab. Garut", "RSUD dr. Soetomo").
NAME_ABBREVIATIONS = set("dr ds kab kec kel no prov".split())

MONTHS = {
    "januari": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2,
    "maret": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "agst": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12,
}
