"""Informal Indonesian seen in complaints -> standard form.

Our own list, written for this domain: chat abbreviations, slang and common misspellings that
appear in reports to intake desks (WhatsApp, web forms). Values may hold several words.
Keys are lower-case single tokens as spaCy's Indonesian tokenizer produces them.
Money abbreviations (rb, jt, ...) are handled by :mod:`coi_nlp.text.money`, not here.
"""

SLANG = {
    # negation: keep the meaning, normalise the spelling
    "gk": "tidak", "ga": "tidak", "gak": "tidak", "g": "tidak", "nggak": "tidak",
    "ngga": "tidak", "enggak": "tidak", "engga": "tidak", "tdk": "tidak", "tak": "tidak",
    "kagak": "tidak", "ndak": "tidak", "nda": "tidak", "ndk": "tidak", 
    "blm": "belum", "blum": "belum", "bkn": "bukan", "bukan2": "bukan",
    "jgn": "jangan", "tnp": "tanpa",
    # pronouns and address
    "sy": "saya", "aku": "saya", "gue": "saya", "gw": "saya", "gua": "saya", "ane": "saya",
    "km": "kamu", "lo": "kamu", "lu": "kamu", "elu": "kamu", "doi": "dia",
    "kmi": "kami", "kt": "kita", "kita2": "kita",
    "bpk": "bapak", "bp": "bapak", "pak": "bapak", "bu": "ibu", "ibuk": "ibu", "bunda": "ibu",
    "mba": "mbak", "mbk": "mbak",
    # function words
    "yg": "yang", "yng": "yang", "dgn": "dengan", "dg": "dengan", "dng": "dengan",
    "dr": "dari", "dri": "dari", "utk": "untuk", "untk": "untuk", 
    "krn": "karena", "karna": "karena", "krna": "karena", "soalnya": "karena",
    "tp": "tapi", "tpi": "tapi", "trs": "terus", "trus": "terus", "lg": "lagi", "lgi": "lagi",
    "sdh": "sudah", "udh": "sudah", "udah": "sudah", "dah": "sudah", "sudh": "sudah",
    "blh": "boleh", "bs": "bisa", "bsa": "bisa", "bgt": "banget", "bngt": "banget",
    "aja": "saja", "aj": "saja", "sj": "saja", "jd": "jadi", "jdi": "jadi",
    "klo": "kalau", "kalo": "kalau", "kl": "kalau", "kalw": "kalau",
    "sm": "sama", "ama": "sama", "sma": "sama", "dlm": "dalam", "pd": "pada",
    "spt": "seperti", "kyk": "kayak", "kek": "kayak", "gmn": "bagaimana",
    "gimana": "bagaimana", "knp": "kenapa", "napa": "kenapa", "sbg": "sebagai",
    "tsb": "tersebut", "dsb": "dan sebagainya", "dll": "dan lain lain", "dst": "dan seterusnya",
    "hrs": "harus", "msh": "masih", "msih": "masih", "mlh": "malah", "emg": "memang",
    "emang": "memang", "bnyk": "banyak", "byk": "banyak", "sdikit": "sedikit",
    "skrg": "sekarang", "skg": "sekarang", "kmrn": "kemarin", "kemaren": "kemarin",
    "bln": "bulan", "thn": "tahun", "th": "tahun", "hr": "hari", "mgg": "minggu",
    "org": "orang", "orng": "orang", "tmn": "teman", "temen": "teman", "sodara": "saudara",
    "sdr": "saudara", "ponakan": "keponakan", 
    "ortu": "orang tua", "bokap": "ayah", "nyokap": "ibu", "bini": "istri", 

    "duit": "uang", "doku": "uang", "fulus": "uang", "cuan": "untung", "ongkos": "biaya",
    "minta2": "minta", "mnt": "minta", "mntk": "minta", "bayar2": "bayar", "byr": "bayar",
    "kasih": "beri", "ksh": "beri", "dikasih": "diberi", "dikasi": "diberi", "ngasih": "memberi",
    "ngurus": "mengurus", "ngurusin": "mengurus", "diurusin": "diurus",
    "nyogok": "menyogok", "nitip": "menitip", 
    "nunggu": "menunggu", "ngantri": "mengantre", "antri": "antre", "antrian": "antrean",
    "dipercepet": "dipercepat",
    "cepet": "cepat", "lelet": "lambat", "lemot": "lambat",
    "kerjaan": "pekerjaan", "proyekan": "proyek", "projek": "proyek",
    "project": "proyek", "tender2": "tender", "lelang2": "lelang",

    "mobdin": "mobil dinas", "mobnas": "mobil dinas", "motdin": "motor dinas",
    # officials and institutions
    "kadis": "kepala dinas", "kadin": "kepala dinas", "sekdis": "sekretaris dinas",
    "kabid": "kepala bidang", "kasi": "kepala seksi", "kasubag": "kepala subbagian",
    "kasubbag": "kepala subbagian", "kabag": "kepala bagian", "kakan": "kepala kantor",
    "kades": "kepala desa", "sekdes": "sekretaris desa", "kadus": "kepala dusun",
    "kaur": "kepala urusan", "kasun": "kepala dusun", "pj": "penjabat",
    "kapus": "kepala puskesmas", "kapuskesmas": "kepala puskesmas",
    "kasek": "kepala sekolah", "kepsek": "kepala sekolah", "wakasek": "wakil kepala sekolah",
    "sekda": "sekretaris daerah", "wabup": "wakil bupati", "wawali": "wakil wali kota",
    "walkot": "wali kota", "walikota": "wali kota", "gub": "gubernur", "wagub": "wakil gubernur",
    "kapolsek": "kepala polsek", "kapolres": "kepala polres", "kajari": "kepala kejaksaan negeri",
    "kajati": "kepala kejaksaan tinggi", "kanit": "kepala unit", "kasat": "kepala satuan",
    "dirut": "direktur utama", "dir": "direktur", "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota", "pemprov": "pemerintah provinsi", "pemdes": "pemerintah desa",
    "kemenag": "kementerian agama", "disdik": "dinas pendidikan", "dikbud": "pendidikan kebudayaan",
    "dinkes": "dinas kesehatan", "dishub": "dinas perhubungan", "dinsos": "dinas sosial",
    "disdukcapil": "dinas kependudukan pencatatan sipil", "dukcapil": "kependudukan pencatatan sipil",
    "pns": "pegawai negeri", "asn": "aparatur sipil negara",
    # everyday words often misspelt in reports
    "tau": "tahu", "liat": "lihat", "ngeliat": "melihat", "denger": "dengar",
    "bilang": "kata", "ngomong": "bicara", "nanya": "tanya", "nyuruh": "suruh",
    "pake": "pakai", "dipake": "dipakai", "make": "memakai", 
    "gede": "besar", "dikit": "sedikit", "cuma": "hanya", "cuman": "hanya", "doang": "saja",
    "mulu": "melulu", "sampe": "sampai", "ampe": "sampai", "smp": "sampai",
    "bener": "benar", "beneran": "benar", "bnr": "benar", "pinter": "pintar",
    "trims": "terima kasih", "makasih": "terima kasih", "mksh": "terima kasih",
    "tlg": "tolong", "mhn": "mohon", "sgr": "segera",
    "info": "informasi", "infonya": "informasinya", "dokter2": "dokter",
}
