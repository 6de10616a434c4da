"""Debian's chromium, driven by selenium, as a participant's phone on the room's page."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

# Debian's packages (scripts/_system_packages.sh installs them): giving both paths keeps
# Selenium Manager from ever downloading a browser or a driver.
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PHONE = (390, 844)
LAPTOP = (1280, 800)
WAIT = 20.0  # seconds: a ceiling for slow shared machines, not a timing assertion


@contextmanager
def chromium(
    size: tuple[int, int] = PHONE, *, dark: bool = False, language: str = ""
) -> Iterator[WebDriver]:
    """A headless chromium with a fresh profile, its viewport exactly `size` CSS pixels;
    `language` ("de-DE,de") is what its pages are asked for in (Accept-Language)."""
    profile = tempfile.mkdtemp(prefix="trustboard-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={max(size[0], 500)},{size[1] + 200}",
    ):
        options.add_argument(arg)
    if language:
        options.add_argument(f"--lang={language.split(',')[0]}")
        options.add_experimental_option("prefs", {"intl.accept_languages": language})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        # Headless windows are at least 500 px wide: emulate the phone's viewport instead.
        width, height = size
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700},
        )
        if dark:
            driver.execute_cdp_cmd(
                "Emulation.setEmulatedMedia",
                {"features": [{"name": "prefers-color-scheme", "value": "dark"}]},
            )
        driver.set_page_load_timeout(WAIT)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver: WebDriver, condition: Callable[[], Any], what: str) -> Any:
    """Wait until `condition()` is truthy and return it; fail with `what` otherwise."""
    return WebDriverWait(driver, WAIT, poll_frequency=0.05).until(
        lambda _d: condition(), message=f"the page never showed {what}"
    )


def visible(driver: WebDriver, css: str) -> WebElement | None:
    """The first visible element matching `css`, or None."""
    for element in driver.find_elements(By.CSS_SELECTOR, css):
        if element.is_displayed():
            return element
    return None


def wait_visible(driver: WebDriver, css: str) -> WebElement:
    result: WebElement = wait_for(driver, lambda: visible(driver, css), css)
    return result


def text_of(driver: WebDriver, css: str) -> str:
    element = visible(driver, css)
    return element.text if element is not None else ""


def type_text(driver: WebDriver, element: WebElement, text: str) -> None:
    """Set a field's value as if typed (send_keys cannot type every character chromedriver
    might see, such as U+202E or astral emoji) and fire the input event the page listens to."""
    driver.execute_script(
        "arguments[0].focus(); arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        element,
        text,
    )


def page_elements(driver: WebDriver) -> list[str]:
    """Every element's tag in the page body, to show no participant text became markup."""
    tags: list[str] = driver.execute_script(
        "return Array.from(document.body.querySelectorAll('*')).map(e => e.tagName.toLowerCase())"
    )
    return tags


def screenshot(driver: WebDriver, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))
    return path
