"""Indonesian stop words for this domain.

We start from spaCy's Indonesian list (``spacy.lang.id.stop_words.STOP_WORDS``) and remove
the words that carry meaning in conflict-of-interest complaints. Removal happens on the
surface forms, BEFORE stemming: Sastrawi stems "pengadaan" to "ada" and "kepentingan" to
"penting", both of which are on spaCy's list, so stemming first would delete the two central
words of this domain.
"""

from spacy.lang.id.stop_words import STOP_WORDS as SPACY_STOP_WORDS

# Words on spaCy's list that we KEEP, with the reason:
KEPT_WORDS = set(
    """
    tidak tidakkah tidaklah bukan bukankah bukanlah bukannya belum belumlah tanpa jangan
    janganlah kurang hanya hanyalah cuma
    pihak pihaknya sepihak memihak sendiri sendirinya dirinya diri
    ada adanya penting pentingnya harus seharusnya
    minta meminta diminta dimintai memintakan beri diberi diberikan memberi memberikan
    punya mempunyai dipunyai bapak ibu kasus keluarga
    atas bawah luar dalam kembali
    tertentu termasuk percuma pantas sepantasnya
    """.split()
)
# Why: negations (tidak, bukan, belum, tanpa, jangan) flip the meaning of a report; "hanya"
# and "cuma" mark favoured treatment; "pihak"/"memihak"/"sepihak"/"sendiri" name whose
# interest is served; "ada"/"penting" survive so that stems of "pengadaan"/"kepentingan"
# are never mistaken for stop words; "minta"/"beri" forms separate demanded money
# (komersialisasi_layanan) from offered gifts (gratifikasi); "punya" marks ownership of a
# company; "bapak"/"ibu" often introduce the official; "atas/bawah" (atasan, bawahan) mark
# hierarchy in supervision and assessment; "luar" (di luar tugas) marks outside employment.

# Domain filler we add: greetings and letter formulas that every kind of report carries.
EXTRA_STOP_WORDS = set(
    """
    assalamualaikum wassalamualaikum wr wb salam sejahtera hormat yth dengan_hormat
    terima kasih mohon maaf tolong selamat pagi siang sore malam
    nya sih deh dong nih tuh kok lho loh ya yah kan aja
    """.split()
)

STOP_WORDS = (set(SPACY_STOP_WORDS) - KEPT_WORDS) | EXTRA_STOP_WORDS
