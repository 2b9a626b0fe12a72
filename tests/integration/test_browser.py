"""The landing pages in a real browser (Debian's Chromium, driven by
Selenium through Debian's chromedriver), with JavaScript switched off: an
invitee goes from the invite link to a created account by clicking and
typing, at phone size. Screenshots are kept next to the test logs."""
import shutil

import pytest

from conftest import PASSWORD, login, run
from harness import NODE_CREATE, NODE_INVITE, Client, form_values

COMPONENT = "invites.localhost"


@pytest.fixture
def browser(tmp_path):
    if shutil.which("chromium") is None or shutil.which("chromedriver") is None:
        raise RuntimeError("Chromium is not installed: run `apt-get install -y chromium chromium-driver` "
                           "(scripts/test does this for you)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=390,844"):
        opts.add_argument(flag)
    # No JavaScript at all: the pages must work without it.
    opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def submit_and_wait(driver, locator):
    """Clicks and waits until the next page has replaced this one: reading
    the old page's elements right after a click races the navigation."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(*locator).click()
    WebDriverWait(driver, 15).until(EC.staleness_of(old))
    WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.TAG_NAME, "h1")))


def shot(driver, path, name):
    # Full page: widen the viewport's height to the document's.
    height = driver.find_element("tag name", "body").size["height"] + 100
    driver.set_window_size(390, max(844, height))
    driver.save_screenshot(str(path / f"{name}.png"))
    driver.set_window_size(390, 844)


def test_invitee_registers_in_the_browser_without_javascript(prosody, component_factory, browser, tmp_path):
    component_factory()
    from selenium.webdriver.common.by import By

    async def mint():
        admin = await login(prosody, "admin@localhost")
        try:
            cmd = await admin.command(COMPONENT, NODE_CREATE)
            cmd = await admin.command(COMPONENT, NODE_CREATE, action="complete", sessionid=cmd.get("sessionid"),
                                      fields={"roster-subscription": "1"})
            return form_values(cmd)["landing-url"][0]
        finally:
            await admin.disconnect()

    url = run(mint())
    browser.get(url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "admin@localhost invites you to join localhost"
    # This Prosody has no server module: an account link would meet a server
    # that knows nothing of the token, so the page leads with the browser.
    assert not browser.find_elements(By.CSS_SELECTOR, "a[href^='xmpp:']")
    assert browser.find_element(By.ID, "register").text == "2. Create your account"
    # The style sheet loaded from our own server (a layout rule applied).
    button = browser.find_element(By.LINK_TEXT, "Create my account")
    assert button.value_of_css_property("display") == "inline-block"
    assert browser.find_element(By.CSS_SELECTOR, ".qr-code svg").is_displayed()
    shot(browser, tmp_path, "1-landing")
    print(f"screenshots in {tmp_path}")

    submit_and_wait(browser, (By.LINK_TEXT, "Create my account"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Create your account on localhost"
    # A mistake first: the page says what is wrong and keeps the username.
    browser.find_element(By.ID, "username").send_keys("Browser.User")
    browser.find_element(By.ID, "password").send_keys("short")
    browser.find_element(By.ID, "confirm").send_keys("short")
    submit_and_wait(browser, (By.CSS_SELECTOR, "button[type=submit]"))
    assert "at least 8 characters" in browser.find_element(By.ID, "password-error").text
    assert browser.find_element(By.ID, "username").get_attribute("value") == "Browser.User"
    assert browser.find_element(By.ID, "password").get_attribute("value") == ""
    shot(browser, tmp_path, "2-form-error")

    password = "typed in a browser"
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.ID, "confirm").send_keys(password)
    submit_and_wait(browser, (By.CSS_SELECTOR, "button[type=submit]"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Welcome, browser.user@localhost!"
    assert password not in browser.page_source
    shot(browser, tmp_path, "3-welcome")
    # Nothing was blocked or failed to load (CSP violations and failed
    # sub-resources show up here); the one expected entry is the 422 of the
    # form returned with its errors.
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"
              and "422 (Unprocessable Entity)" not in e["message"]]
    assert errors == [], errors

    async def check():
        user = await Client("browser.user@localhost", password, prosody.c2s_port).connect()
        try:
            assert (await user.roster()).get("admin@localhost") == "both"
        finally:
            await user.disconnect()

    run(check())
