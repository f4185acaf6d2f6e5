package dev.browserfleet.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.command.JobCommand;
import dev.browserfleet.contracts.command.SubmitJob;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JobSubmitSchemaTest {

  private static JsonNode json(String text) {
    return JsonCodec.readTree(text.replace('\'', '"').getBytes());
  }

  private static final String VALID_REQUEST =
      "{'browserTypeId':1,'targetUrl':'https://example.com/','actions':[{'action':'screenshot'}],"
          + "'priority':0,'timeoutMs':30000,'maxRetries':3,'waitUntil':'load'}";

  @Test
  void theGoldenSubmitCommandIsValid() throws Exception {
    var golden = JsonCodec.readTree(Files.readAllBytes(Path.of("src/test/resources/golden/job.submit.json")));
    assertThat(JobSubmitSchema.validateCommand(golden)).isEmpty();
  }

  @Test
  void theIssuesExampleRequestBodyIsValid() {
    assertThat(JobSubmitSchema.validateRequest(json(VALID_REQUEST))).isEmpty();
  }

  @Test
  void aMinimalCommandTakesTheDocumentedDefaults() {
    var command = json("{'type':'job.submit','jobId':'0b8e9c1e-4f6a-4d1e-9a57-3c2f1d0e8b7a',"
        + "'browserTypeId':1,'targetUrl':'https://example.com/','actions':[]}");
    assertThat(JobSubmitSchema.validateCommand(command)).isEmpty();

    var submit = (SubmitJob) JsonCodec.convert(command, JobCommand.class);
    assertThat(submit.priority()).isZero();
    assertThat(submit.timeoutMs()).isEqualTo(30_000);
    assertThat(submit.maxRetries()).isEqualTo(3);
    assertThat(submit.waitUntil()).isEqualTo(WaitUntil.NETWORK_IDLE);
  }

  @Test
  void anExplicitZeroMaxRetriesStaysZero() {
    var submit = (SubmitJob) JsonCodec.decode(
        "{\"type\":\"job.submit\",\"jobId\":\"0b8e9c1e-4f6a-4d1e-9a57-3c2f1d0e8b7a\",\"browserTypeId\":1,"
            + "\"targetUrl\":\"https://example.com/\",\"actions\":[],\"maxRetries\":0}", JobCommand.class);
    assertThat(submit.maxRetries()).isZero();
  }

  @Test
  void anUnknownTopLevelFieldIsRejectedByName() {
    var body = json(VALID_REQUEST.replace("'priority':0", "'priority':0,'colour':'red'"));
    assertThat(JobSubmitSchema.validateRequest(body))
        .containsExactly(new FieldError("colour", "is not a known field"));
  }

  @Test
  void anUnknownActionIsRejectedWithItsPath() {
    var body = json(VALID_REQUEST.replace("{'action':'screenshot'}", "{'action':'screenshot'},{'action':'teleport'}"));
    assertThat(JobSubmitSchema.validateRequest(body))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.field()).isEqualTo("actions[1].action");
          assertThat(e.message()).startsWith("must be one of").contains("navigate", "screenshot");
        });
  }

  @Test
  void anUnknownFieldOfAnActionIsRejectedByName() {
    var body = json(VALID_REQUEST.replace("{'action':'screenshot'}", "{'action':'screenshot','zoom':2}"));
    assertThat(JobSubmitSchema.validateRequest(body))
        .containsExactly(new FieldError("actions[0].zoom", "is not a known field"));
  }

  @Test
  void aMissingRequiredActionFieldIsNamed() {
    var body = json(VALID_REQUEST.replace("{'action':'screenshot'}", "{'action':'navigate'}"));
    assertThat(JobSubmitSchema.validateRequest(body))
        .containsExactly(new FieldError("actions[0].url", "is required"));
  }

  @Test
  void missingTargetUrlAndOutOfRangePriorityAreBothReported() {
    var body = json("{'browserTypeId':1,'actions':[],'priority':101}");
    var errors = JobSubmitSchema.validateRequest(body);
    assertThat(errors).extracting(FieldError::field).containsExactly("priority", "targetUrl");
    assertThat(errors.getLast().message()).isEqualTo("is required");
  }

  @Test
  void wrongTypesAreNamed() {
    var body = json("{'browserTypeId':'one','targetUrl':'https://example.com/','actions':{}}");
    assertThat(JobSubmitSchema.validateRequest(body))
        .extracting(FieldError::field)
        .containsExactly("actions", "browserTypeId");
  }

  @Test
  void aCommandNeedsItsTypeAndJobId() {
    var command = json("{'browserTypeId':1,'targetUrl':'https://example.com/','actions':[]}");
    assertThat(JobSubmitSchema.validateCommand(command))
        .extracting(FieldError::field)
        .containsExactly("jobId", "type");
  }

  @Test
  void theRequestSchemaRefusesCommandOnlyFields() {
    var body = json(VALID_REQUEST.replace("'priority':0", "'priority':0,'clientId':'someone-else'"));
    assertThat(JobSubmitSchema.validateRequest(body)).containsExactly(new FieldError("clientId", "is not a known field"));
  }

  @Test
  void everyActionOfTheLanguageIsAcceptedWithItsFields() {
    String actions = "{'action':'type','target':'#q','value':'abc','delayMs':20},{'action':'clear','target':'#q'},"
        + "{'action':'select','target':'#s','label':'Red'},{'action':'check','target':'#c'},"
        + "{'action':'uncheck','target':'#c'},{'action':'hover','target':'#m'},{'action':'press','key':'Enter'},"
        + "{'action':'scroll','toBottom':true,'speed':2000},{'action':'moveCursor','x':10,'y':20},"
        + "{'action':'waitFor','target':'#x','state':'detached','timeoutMs':1000},{'action':'waitFor','networkIdle':true},"
        + "{'action':'click','target':'#b','button':'right','clickCount':2,'waitForNavigation':false},"
        + "{'action':'screenshot','target':'#chart','type':'jpeg','quality':80},"
        + "{'action':'pdf','format':'Letter','landscape':true,'margin':{'top':1.5},'scale':0.8},"
        + "{'action':'snapshot','cookies':true},{'action':'executeScript','script':'return 1','name':'one'}";
    var body = json(VALID_REQUEST.replace("{'action':'screenshot'}", actions));
    assertThat(JobSubmitSchema.validateRequest(body)).isEmpty();
  }

  @Test
  void anActionWithTwoModesOrNoneIsRejected() {
    var both = json(VALID_REQUEST.replace("{'action':'screenshot'}", "{'action':'select','target':'#s','value':'r','label':'Red'}"));
    var none = json(VALID_REQUEST.replace("{'action':'screenshot'}", "{'action':'waitFor'}"));
    assertThat(JobSubmitSchema.validateRequest(both)).extracting(FieldError::field).contains("actions[0]");
    assertThat(JobSubmitSchema.validateRequest(none)).extracting(FieldError::field).contains("actions[0]");
  }

  @Test
  void aCommandsBrowserStorageTakesCookiesAndStorageMaps() {
    String command = "{'type':'job.submit','jobId':'0b8e9c1e-4f6a-4d1e-9a57-3c2f1d0e8b7a','browserTypeId':1,"
        + "'targetUrl':'https://example.com/','actions':[],'browserStorage':%s}";
    var good = json(command.formatted("{'cookies':[{'name':'s','value':'1','sameSite':'Lax'}],"
        + "'localStorage':{'theme':'dark'},'sessionStorage':{'tab':'2'}}"));
    var bad = json(command.formatted("{'cookies':[{'name':'s'}]}"));
    assertThat(JobSubmitSchema.validateCommand(good)).isEmpty();
    assertThat(JobSubmitSchema.validateCommand(bad))
        .containsExactly(new FieldError("browserStorage.cookies[0].value", "is required"));
  }

  @Test
  void theRestBodyTakesBrowserStorageAndNamesABadCookieField() {
    String request = VALID_REQUEST.replace("'priority':0", "'priority':0,'browserStorage':%s");
    var good = json(request.formatted("{'cookies':[{'name':'s','value':'1'}],'localStorage':{'theme':'dark'}}"));
    var bad = json(request.formatted("{'cookies':[{'name':'s','value':'1','colour':'red'}]}"));
    assertThat(JobSubmitSchema.validateRequest(good)).isEmpty();
    assertThat(JobSubmitSchema.validateRequest(bad))
        .containsExactly(new FieldError("browserStorage.cookies[0].colour", "is not a known field"));
  }
}
