"""Indonesian number words and money multipliers, for reading amounts written in words."""

NUMBER_WORDS = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
    "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100,
    "seribu": 1_000, "sejuta": 1_000_000, "setengah": 0.5,
}

# "dua belas" = 12, "dua puluh" = 20, "dua ratus" = 200
SCALE_WORDS = {"belas": 10, "puluh": 10, "ratus": 100}

# Money multipliers, in words and in the abbreviations people type.
MULTIPLIERS = {
    "ribu": 1_000, "rb": 1_000, "rbu": 1_000, "k": 1_000, "ribuan": 1_000,
    "juta": 1_000_000, "jt": 1_000_000, "jta": 1_000_000, "jutaan": 1_000_000,
    "miliar": 1_000_000_000, "milyar": 1_000_000_000, "m": 1_000_000_000, "mlyr": 1_000_000_000,
    "miliaran": 1_000_000_000, "milyaran": 1_000_000_000,
    "triliun": 1_000_000_000_000, "t": 1_000_000_000_000,
}
