package dev.coderunner.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.coderunner.support.Api;
import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.SandboxIntegrationTest;

/**
 * The playground as a person uses it, in the system's headless Chromium (Debian's chromium and
 * chromium-driver, which scripts/install-prerequisites.sh installs; Selenium is given both, so
 * it never downloads a browser or a driver): the key asked once, languages listed, runs streamed
 * over the WebSocket with live stdin, and refusals shown as their problem's detail.
 */
@EngineIndependent
class PlaygroundIT extends SandboxIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A compile on a loaded 2-core host, and a cold sandbox, take seconds; nothing here should take this long. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private ChromeDriver browser;
    private WebDriverWait waiting;

    @BeforeEach
    void openBrowser() {
        assertThat(CHROMIUM).as("Debian's chromium (scripts/install-prerequisites.sh)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver (scripts/install-prerequisites.sh)").isExecutable();
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                // --no-sandbox: CI runs as root, where Chromium's own sandbox cannot start.
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1280,800");
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        browser = new ChromeDriver(service, options);
        waiting = new WebDriverWait(browser, PATIENCE);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void pythonHelloRunsAndItsOutputAndFiguresAreShown() throws IOException {
        openWithKey(Api.KEY);
        choose("python", "print(\"Hello\")");

        run();

        assertThat(ended()).startsWith("OK · ");
        assertThat(output()).isEqualTo("Hello\n");
        assertThat(text("result-exit")).isEqualTo("exit 0");
        assertThat(text("result-time")).matches("\\d+\\.\\d{3} s");
        assertThat(text("result-cpu")).startsWith("CPU ");
        assertThat(text("result-memory")).startsWith("memory ");
        assertThat(text("result-start")).isIn("warm", "cold");
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .as("no script error and nothing the Content-Security-Policy refused")
                .noneMatch(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue());
    }

    @Test
    void aLineTypedWhileTheProgramRunsIsItsStdin() throws IOException {
        openWithKey(Api.KEY);
        choose("python", "name = input(\"What is your name? \")\nprint(f\"Hello, {name}!\")\n");

        run();
        waiting.until(driver -> output().contains("What is your name? ") || over());
        waiting.until(elementToBeClickable(By.id("live-stdin"))).sendKeys("Ada", Keys.ENTER);

        assertThat(ended()).startsWith("OK · ");
        assertThat(output()).isEqualTo("What is your name? Ada\nHello, Ada!\n");
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        // target/, not docs/: docs/playground.png is a copy of it made by hand, so a test run changes no tracked file.
        Files.copy(shot, Path.of("target", "playground.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theStdinAndArgumentsBoxesReachTheProgramAndStdinEndsAfterTheBox() {
        openWithKey(Api.KEY);
        choose("python", "import sys\nprint(sys.stdin.read().upper(), sys.argv[1:])\n");
        browser.findElement(By.id("stdin")).sendKeys("hello");
        browser.findElement(By.id("args")).sendKeys("one\ntwo words");

        run();

        assertThat(ended()).startsWith("OK · ");
        assertThat(output()).isEqualTo("HELLO ['one', 'two words']\n");
    }

    @Test
    void aCompileErrorShowsTheCompilersMessage() {
        openWithKey(Api.KEY);
        choose("c", "int main(void) {\n    return undefined_name;\n}\n");

        run();

        assertThat(ended()).startsWith("COMPILE_ERROR · ");
        assertThat(output()).contains("undefined_name").contains("undeclared");
        assertThat(text("result")).contains("compile ");
    }

    @Test
    void aWrongKeyIsAnsweredWithTheProblemsDetail() {
        String detail = api.get("/languages", "not-the-key").text("detail");

        openWithKey("not-the-key");

        waiting.until(textToBe(By.id("result-error"), detail));
        assertThat(browser.findElement(By.id("run")).isEnabled()).as("nothing to run without languages").isFalse();
    }

    @Test
    void aKeyRefusedByTheWebSocketIsShownAsTheProblemsDetail() {
        openWithKey(Api.KEY);
        choose("python", "print(\"never\")");
        browser.executeScript("sessionStorage.setItem('code-runner.api-key', 'revoked-key')");

        run();

        assertThat(ended()).containsIgnoringCase("key");
        assertThat(browser.findElement(By.id("result-error")).isDisplayed()).isTrue();
        assertThat(output()).isEmpty();
    }

    @Test
    void theKeyIsAskedOnceAndKeptForTheTab() {
        openWithKey(Api.KEY);

        browser.navigate().refresh();

        waiting.until(this::languagesListed);
        assertThat(browser.findElement(By.id("key-dialog")).isDisplayed()).isFalse();
        assertThat(browser.executeScript("return sessionStorage.getItem('code-runner.api-key')")).isEqualTo(Api.KEY);
    }

    @Test
    void thePageAndItsFilesNeedNoKeyAndAllowOnlyTheServiceItself() {
        var page = api.get("/playground", null);
        var script = api.get("/playground/playground.js", null);
        var editor = api.get("/playground/codemirror/lib/codemirror.js", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().get("content-type")).startsWith("text/html");
        assertThat(page.raw()).contains("playground/playground.js").doesNotContain("<script>")
                .doesNotContain("http:").doesNotContain("https:");
        assertThat(page.headers().get("content-security-policy")).isEqualTo(PageSecurityHeaders.POLICY)
                .contains("default-src 'self'").doesNotContain("unsafe");
        assertThat(api.get("/playground/index.html", null).headers().get("content-security-policy"))
                .as("the page under its file name too").isEqualTo(PageSecurityHeaders.POLICY);
        assertThat(script.status()).isEqualTo(200);
        assertThat(editor.status()).isEqualTo(200);
        assertThat(api.get("/playground/", null).status()).as("redirected to /playground").isEqualTo(301);
        assertThat(api.get("/playground/../languages", null).status()).as("what the page calls needs a key")
                .isEqualTo(401);
    }

    private void openWithKey(String key) {
        browser.get("http://127.0.0.1:" + port() + "/playground");
        waiting.until(visibilityOfElementLocated(By.id("key"))).sendKeys(key, Keys.ENTER);
        if (Api.KEY.equals(key)) {
            waiting.until(this::languagesListed);
        }
    }

    private boolean languagesListed(org.openqa.selenium.WebDriver driver) {
        return !new Select(driver.findElement(By.id("language"))).getOptions().isEmpty()
                && driver.findElement(By.id("run")).isEnabled();
    }

    private void choose(String language, String code) {
        new Select(browser.findElement(By.id("language"))).selectByValue(language);
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0])", code);
    }

    private void run() {
        browser.findElement(By.id("run")).click();
    }

    /** Waits for the run's end, whichever it is (a result, a refusal, a lost connection), and returns the result line. */
    private String ended() {
        waiting.until(driver -> over());
        return text("result");
    }

    /** Idle again, with a result or a problem on the result line rather than a note. */
    private boolean over() {
        String state = browser.findElement(By.id("result")).getDomAttribute("class");
        return browser.findElement(By.id("run")).isEnabled() && !state.contains("note");
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** The output pane exactly, trailing newline included (getText trims). */
    private String output() {
        return browser.findElement(By.id("output")).getDomProperty("textContent");
    }
}
