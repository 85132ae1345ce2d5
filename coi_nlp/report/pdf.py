"""PDF export through headless Chromium (``Page.printToPDF`` over ChromeDriver/Selenium).

No PDF library is needed: the report's own print CSS (A4, page numbers, no split figures)
decides the layout, exactly as when an officer prints the HTML from the browser. Chromium and
ChromeDriver are the Debian packages (``/usr/bin/chromium``, ``/usr/bin/chromedriver``);
Selenium Manager is never used (the driver path is given explicitly), and the browser runs
with a fresh profile and without background network traffic, so nothing is downloaded.
"""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coi_nlp.report.errors import PdfExportError

__all__ = ["CHROMIUM", "CHROMEDRIVER", "chromium_available", "chromium_session", "html_to_pdf"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run",
          "--disable-extensions", "--hide-scrollbars")


def chromium_available(chromium: Path = CHROMIUM, chromedriver: Path = CHROMEDRIVER) -> bool:
    """True when both the browser and its driver are installed."""
    return Path(chromium).is_file() and Path(chromedriver).is_file()


@contextmanager
def chromium_session(width: int = 1100, height: int = 900, chromium: Path = CHROMIUM,
                     chromedriver: Path = CHROMEDRIVER) -> Iterator:
    """A headless Chromium driven by Selenium, closed (and its profile removed) on exit.

    The browser's console log is recorded (``driver.get_log("browser")``).

    Raises
    ------
    PdfExportError
        Chromium, ChromeDriver or Selenium is missing, or the browser does not start.
    """
    if not chromium_available(chromium, chromedriver):
        raise PdfExportError(
            f"Ekspor PDF butuh Chromium ({chromium}) dan ChromeDriver ({chromedriver}); "
            "pasang paket Debian chromium dan chromium-driver, atau cetak berkas HTML ke PDF "
            "dari peramban.",
            "PDF export needs Chromium and ChromeDriver; install them or print the HTML from "
            "a browser.", code="chromium_tidak_ada")
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        raise PdfExportError("Ekspor PDF butuh paket Python selenium (pip install selenium).",
                             "PDF export needs the selenium package.",
                             code="selenium_tidak_ada") from None
    with tempfile.TemporaryDirectory(prefix="coi-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = str(chromium)
        for flag in _FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={width},{height}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        try:
            driver = webdriver.Chrome(service=Service(str(chromedriver)), options=options)
        except WebDriverException as exc:
            raise PdfExportError(f"Chromium tidak bisa dijalankan: {exc.msg or exc}",
                                 "Chromium did not start.", code="chromium_gagal") from None
        try:
            yield driver
        finally:
            driver.quit()


def html_to_pdf(html_path, pdf_path, chromium: Path = CHROMIUM,
                chromedriver: Path = CHROMEDRIVER) -> Path:
    """Print an HTML file to an A4 PDF with headless Chromium; returns the PDF's path.

    The page's ``@page`` rules set the paper size, margins and page numbers.
    """
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    if not html_path.is_file():
        raise PdfExportError(f"Berkas HTML tidak ditemukan: {html_path}",
                             f"HTML file not found: {html_path}", code="berkas_tidak_terbaca")
    with chromium_session(chromium=chromium, chromedriver=chromedriver) as driver:
        driver.get(html_path.as_uri())
        result = driver.execute_cdp_cmd("Page.printToPDF", {
            "printBackground": True, "preferCSSPageSize": True,
            "paperWidth": 8.27, "paperHeight": 11.69,  # A4 if the page sets no size
        })
    try:
        pdf_path.write_bytes(base64.b64decode(result["data"]))
    except OSError as exc:
        raise PdfExportError(f"PDF tidak bisa ditulis: {pdf_path} ({exc.strerror}).",
                             f"Cannot write {pdf_path}.", code="berkas_tidak_tertulis") from None
    return pdf_path
