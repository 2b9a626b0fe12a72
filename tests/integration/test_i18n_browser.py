"""The landing pages in several languages in a real browser (Debian's
Chromium through Debian's chromedriver), with the pages' JavaScript off, at
phone and desktop size: an invitee whose browser asks for English opens
their invite, switches language with the switcher's links, registers by
typing and clicking, and reaches the welcome page in the language they
chose. Every page is checked by axe-core: any serious or critical
violation fails. Scripts are switched off through DevTools
(Emulation.setScriptExecutionDisabled) for every navigation, click and
post, and switched on only while axe runs on a page already loaded (axe
needs timers, which do not fire with scripts off; our pages have no
scripts of their own, and the CSP would refuse any). Any console error
fails too. Screenshots of every page are kept under
artifacts/screenshots/<viewport>/<language>/. Last, without a browser: the
running binary reads the overrides again on SIGHUP."""
import json
import shutil
from pathlib import Path

import pytest

from conftest import login, run
from harness import NODE_CREATE, form_values

COMPONENT = "invites.localhost"
HERE = Path(__file__).parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = HERE / "artifacts" / "screenshots"

PHONE_UA = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/120.0.0.0 Mobile Safari/537.36")
VIEWPORTS = {
    "phone": (390, 844, PHONE_UA),
    "desktop": (1280, 900, None),
}
# English first (what the browser asks for), then languages reached with
# the switcher: a Latin script, a CJK one and a right-to-left one.
LANGUAGES = ["en-US", "de", "ja", "ar"]


@pytest.fixture
def skip_ejabberd(server_kind):
    # The pages are the same whatever server the component talks to; the
    # browser suites for the server kinds are test_browser.py and
    # test_web_e2e.py. Once is enough for eight registrations in Chromium.
    if server_kind != "prosody":
        pytest.skip("the pages do not depend on the server kind; run once, against Prosody")


def make_browser(tmp_path, viewport):
    if shutil.which("chromium") is None or shutil.which("chromedriver") is None:
        raise RuntimeError("Chromium is not installed: run `apt-get install -y chromium chromium-driver` "
                           "(scripts/test does this for you)")
    if not AXE.exists():
        raise RuntimeError(f"axe-core is not installed in {AXE.parent}: run `npm ci` in tests/integration "
                           "(scripts/test does this for you)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    width, height, ua = VIEWPORTS[viewport]
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / viewport}",
                 f"--window-size={width},{height}", "--lang=en-US", "--force-device-scale-factor=1"):
        opts.add_argument(flag)
    if ua:
        opts.add_argument(f"--user-agent={ua}")
    opts.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en"})
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    driver.set_page_load_timeout(30)
    scripts(driver, False)
    return driver


def scripts(driver, on):
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not on})


def assert_scripts_off(driver):
    """Scripts really are off: a timer never fires."""
    from selenium.common.exceptions import TimeoutException

    driver.set_script_timeout(1)
    with pytest.raises(TimeoutException):
        driver.execute_async_script("const done = arguments[arguments.length - 1]; setTimeout(() => done(1), 10);")


class Visit:
    """One viewport's and one language's pages: each is checked and
    photographed in turn."""

    def __init__(self, driver, viewport, lang):
        self.driver, self.viewport, self.lang = driver, viewport, lang
        self.dir = SCREENSHOTS / viewport / lang
        if self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True)
        self.n = 0
        self.findings = []

    def html(self):
        el = self.driver.find_element("tag name", "html")
        return el.get_attribute("lang"), el.get_attribute("dir")

    def check(self, page, allowed_status=None):
        """Console, axe, screenshot. `allowed_status` is the one HTTP error
        the page is expected to have answered with (a form returned with
        its errors, an unknown invite): the browser logs it as an error."""
        self.n += 1
        name = f"{self.n:02d}-{page}"
        logs = self.driver.get_log("browser")
        errors = [e for e in logs if e["level"] == "SEVERE"
                  and not (allowed_status and f"status of {allowed_status}" in e["message"])]
        assert errors == [], f"{self.viewport}/{self.lang}/{name}: console errors {errors}"
        self.axe(name)
        self.shot(name)

    def axe(self, name):
        result = run_axe(self.driver)
        assert "error" not in result, f"axe failed on {name}: {result}"
        for v in result["violations"]:
            self.findings.append((name, v))
        bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, (f"{self.viewport}/{self.lang}/{name}: accessibility violations:\n"
                         + json.dumps(bad, indent=2, ensure_ascii=False))

    def shot(self, name):
        d = self.driver
        width, height, _ = VIEWPORTS[self.viewport]
        # The whole page: the window as tall as the document.
        full = d.execute_script("return document.documentElement.scrollHeight")
        d.set_window_size(width, max(height, full + 100))
        d.save_screenshot(str(self.dir / f"{name}.png"))
        d.set_window_size(width, height)


def run_axe(d):
    """axe-core's violations on the page loaded, scripts on only meanwhile."""
    scripts(d, True)
    d.set_script_timeout(60)
    try:
        d.execute_script(AXE.read_text())
        return d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']})"
            ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            "  nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}))}))"
            ".catch(e => done({error: String(e)}));")
    finally:
        scripts(d, False)


def click_and_wait(driver, locator):
    """Clicks and waits until the next page has replaced this one."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    from selenium.common.exceptions import WebDriverException

    old = driver.find_element(By.TAG_NAME, "html").id

    # A new document has a new <html>. (Asking the old element whether it
    # is stale, as staleness_of does, sometimes gets chromedriver's "node
    # does not belong to the document" instead of the stale answer.)
    def replaced(d):
        try:
            return d.find_element(By.TAG_NAME, "html").id != old
        except WebDriverException:
            return False

    driver.find_element(*locator).click()
    WebDriverWait(driver, 15).until(replaced)
    WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.TAG_NAME, "h1")))


def mint_invites(prosody, n):
    async def mint():
        admin = await login(prosody, "admin@localhost")
        try:
            urls = []
            for _ in range(n):
                cmd = await admin.command(COMPONENT, NODE_CREATE)
                cmd = await admin.command(COMPONENT, NODE_CREATE, action="complete",
                                          sessionid=cmd.get("sessionid"),
                                          fields={"roster-subscription": "1"})
                urls.append(form_values(cmd)["landing-url"][0])
            return urls
        finally:
            await admin.disconnect()

    return run(mint())


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_register_in_four_languages(prosody, component_factory, skip_ejabberd, tmp_path, viewport):
    from selenium.webdriver.common.by import By

    component = component_factory()
    urls = mint_invites(prosody, len(LANGUAGES))
    driver = make_browser(tmp_path, viewport)
    english = {}
    try:
        # axe is really in the page and finds what it is for: a page with
        # an image without text and a field without a label.
        driver.get("data:text/html,<!DOCTYPE html><html lang=en><title>t</title>"
                   "<main><img src=x.png><input id=f></main></html>")
        found = {v["id"] for v in run_axe(driver)["violations"]}
        assert {"image-alt", "label"} <= found, found
        driver.get_log("browser")  # the missing image's error: this page only
        for lang, url in zip(LANGUAGES, urls):
            v = Visit(driver, viewport, lang)
            driver.delete_all_cookies()

            # What the browser asks for: English.
            driver.get(url)
            assert_scripts_off(driver)
            assert v.html() == ("en-US", "ltr")
            nav = driver.find_element(By.CSS_SELECTOR, "nav#languages")
            assert nav.get_attribute("aria-label") == "Language"
            links = nav.find_elements(By.TAG_NAME, "a")
            assert len(links) >= 12
            for a in links:
                tag = a.get_attribute("hreflang")
                assert a.get_attribute("lang") == tag
                assert a.get_attribute("href").endswith(f"?lang={tag}")
            current = nav.find_element(By.CSS_SELECTOR, "a[aria-current=true]")
            assert current.get_attribute("hreflang") == "en-US" and current.text == "English"
            h1 = driver.find_element(By.TAG_NAME, "h1").text
            assert h1 == "admin@localhost invites you to join localhost"

            if lang != "en-US":
                v.check("landing-en")
                # The switcher, by clicking: no JavaScript involved.
                click_and_wait(driver, (By.CSS_SELECTOR, f"nav#languages a[hreflang='{lang}']"))
                assert driver.current_url == f"{url}?lang={lang}"
            want_dir = "rtl" if lang == "ar" else "ltr"
            assert v.html() == (lang, want_dir)
            current = driver.find_element(By.CSS_SELECTOR, "nav#languages a[aria-current=true]")
            assert current.get_attribute("hreflang") == lang
            h1 = driver.find_element(By.TAG_NAME, "h1").text
            if lang == "en-US":
                english["landing"] = h1
            else:
                assert h1 != english["landing"] and "admin@localhost" in h1, h1
            # The style sheet applies in either direction: the header's
            # start is the right edge in Arabic.
            header = driver.find_element(By.TAG_NAME, "header")
            site = driver.find_element(By.CSS_SELECTOR, "header .site")
            if want_dir == "rtl":
                assert site.rect["x"] + site.rect["width"] > header.rect["width"] * 0.6, site.rect
            else:
                assert site.rect["x"] < header.rect["width"] * 0.4, site.rect
            v.check("landing")

            # On to the form: the choice is remembered (the cookie).
            click_and_wait(driver, (By.CSS_SELECTOR, "a.go[href$='/register']"))
            assert v.html() == (lang, want_dir)
            assert "?lang=" not in driver.current_url
            v.check("register")

            username = f"{viewport}-{lang.lower()}"
            driver.find_element(By.ID, "username").send_keys(username)
            driver.find_element(By.ID, "password").send_keys("short")
            driver.find_element(By.ID, "confirm").send_keys("short")
            click_and_wait(driver, (By.CSS_SELECTOR, "button[type=submit]"))
            # The post is answered in the chosen language too.
            assert v.html() == (lang, want_dir)
            error = driver.find_element(By.ID, "password-error").text
            assert "8" in error, error
            if lang == "en-US":
                english["error"] = error
            else:
                assert error != english["error"], error
            assert driver.find_element(By.ID, "username").get_attribute("value") == username
            v.check("register-error", allowed_status=422)

            password = f"typed in {lang} on a {viewport}"
            driver.find_element(By.ID, "password").send_keys(password)
            driver.find_element(By.ID, "confirm").send_keys(password)
            click_and_wait(driver, (By.CSS_SELECTOR, "button[type=submit]"))
            assert v.html() == (lang, want_dir)
            h1 = driver.find_element(By.TAG_NAME, "h1").text
            assert f"{username}@localhost" in h1, h1
            if lang == "en-US":
                english["welcome"] = h1
                assert h1 == f"Welcome, {username}@localhost!"
            else:
                assert h1 != english["welcome"].replace("en-us", lang.lower()), h1
            assert password not in driver.page_source
            v.check("welcome")

            # An error page, in the same language.
            driver.get(f"{component.public_url}/invite/AAAAAAAAAAAAAAAAAAAAAAAA")
            assert v.html() == (lang, want_dir)
            v.check("not-found", allowed_status=404)

            # And the front page, with its accept-by-code form.
            driver.get(f"{component.public_url}/")
            assert v.html() == (lang, want_dir)
            v.check("index")
            minor = [(n, x["id"], x["impact"]) for n, x in v.findings]
            if minor:
                print(f"{viewport}/{lang}: moderate or minor axe findings: {minor}")
    finally:
        driver.quit()
    print(f"screenshots in {SCREENSHOTS / viewport}")


LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">'
        '<circle cx="16" cy="16" r="14" fill="#6a1b9a"/></svg>')


def test_branded_pages(prosody, component_factory, skip_ejabberd, tmp_path):
    """An operator's name, logo, colour, stylesheet, footer and wording, in
    a left-to-right and a right-to-left language, checked by axe too."""
    from selenium.webdriver.common.by import By

    site = tmp_path / "site"
    (site / "locales" / "de").mkdir(parents=True)
    (site / "locales" / "de" / "site.ftl").write_text("invite-register-button = Jetzt Konto anlegen\n")
    (site / "static").mkdir()
    (site / "static" / "custom.css").write_text("header { border-block-end-width: 4px; }\n")
    (site / "templates").mkdir()
    (site / "templates" / "footer.html").write_text(
        '<p>Example Chat e.V. · <a href="https://example.org/imprint">Impressum</a></p>\n')
    (tmp_path / "logo.svg").write_text(LOGO)
    component_factory(extra=(
        "[branding]\n"
        'site_name = "Example Chat"\n'
        f'logo = "{tmp_path / "logo.svg"}"\n'
        'accent_color = "#6a1b9a"\n'
        'default_language = "de"\n'
        f'overrides_dir = "{site}"\n'))
    urls = mint_invites(prosody, 1)
    driver = make_browser(tmp_path, "desktop")
    try:
        for lang in ["de", "ar"]:
            v = Visit(driver, "desktop", f"branded-{lang}")
            driver.get(f"{urls[0]}?lang={lang}")
            assert v.html()[0] == lang
            assert driver.find_element(By.CSS_SELECTOR, "header .site").text == "Example Chat"
            logo = driver.find_element(By.CSS_SELECTOR, "header img.logo")
            assert logo.is_displayed() and logo.size["height"] == 32, logo.size
            button = driver.find_element(By.CSS_SELECTOR, "a.go[href$='/register']")
            # The accent through brand.css: the secondary button's text and
            # border, white on it for the primary ones.
            assert button.value_of_css_property("color") == "rgba(106, 27, 154, 1)"
            if lang == "de":
                assert button.text == "Jetzt Konto anlegen"
            header = driver.find_element(By.TAG_NAME, "header")
            assert header.value_of_css_property("border-bottom-width") == "4px"
            footer = driver.find_element(By.TAG_NAME, "footer")
            assert footer.find_element(By.TAG_NAME, "a").get_attribute("href") == "https://example.org/imprint"
            v.check("landing")
    finally:
        driver.quit()


def test_sighup_rereads_the_overrides(prosody, component_factory, skip_ejabberd, tmp_path):
    """The running binary takes new wording and a new default language on
    SIGHUP, and keeps the running ones when an override does not parse."""
    import signal
    import urllib.request

    site = tmp_path / "site"
    (site / "locales" / "en-US").mkdir(parents=True)
    ftl = site / "locales" / "en-US" / "site.ftl"
    ftl.write_text("site-name = First wording\n")
    c = component_factory(extra=f'[branding]\noverrides_dir = "{site}"\n')

    def front(accept="en"):
        req = urllib.request.Request(f"{c.public_url}/", headers={"Accept-Language": accept})
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.read().decode()

    assert '<p class="site">First wording</p>' in front()
    ftl.write_text("site-name = Second wording\n")
    since = c.log_offset()
    c.config.write_text(c.config.read_text() + 'default_language = "uk"\n')
    c.proc.send_signal(signal.SIGHUP)
    c.wait_log("configuration reloaded", since=since)
    assert '<p class="site">Second wording</p>' in front()
    # Nothing we have asked for: the new default.
    assert '<html lang="uk" dir="ltr">' in front("xx")

    ftl.write_text("site-name = { $domain\n")
    since = c.log_offset()
    c.proc.send_signal(signal.SIGHUP)
    c.wait_log("configuration not reloaded", since=since)
    assert "translation overrides" in c.log_since(since)
    assert '<p class="site">Second wording</p>' in front()
    assert c.proc.poll() is None
