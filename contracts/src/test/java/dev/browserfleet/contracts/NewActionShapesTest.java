package dev.browserfleet.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.action.Back;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Dialogs;
import dev.browserfleet.contracts.action.DragAndDrop;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.FramePath;
import dev.browserfleet.contracts.action.Forward;
import dev.browserfleet.contracts.action.Reload;
import dev.browserfleet.contracts.action.SwitchTo;
import dev.browserfleet.contracts.action.Upload;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The JSON shapes of the actions issue 15 added, exactly as the issue gives them (clients already
 * write against them): each is valid against the schema, decodes to its action and encodes back
 * to the same JSON; a wrong field is named.
 */
class NewActionShapesTest {

  private static JsonNode json(String text) {
    return JsonCodec.readTree(text.replace('\'', '"').getBytes());
  }

  private static JsonNode request(String actions) {
    return json("{'browserTypeId':1,'targetUrl':'https://example.com/','actions':[" + actions + "]}");
  }

  /** The action {@code text} is, after checking that it is valid and that it encodes back to itself. */
  private static Action shape(String text) {
    assertThat(JobSubmitSchema.validateRequest(request(text))).as(text).isEmpty();
    Action action = JsonCodec.convert(json(text), Action.class);
    assertThat(JsonCodec.readTree(JsonCodec.encode(action))).isEqualTo(json(text));
    return action;
  }

  private static List<FieldError> errors(String actions) {
    return JobSubmitSchema.validateRequest(request(actions));
  }

  @Test
  void backForwardAndReloadAreBareActions() {
    assertThat(shape("{'action':'back'}")).isEqualTo(new Back(null));
    assertThat(shape("{'action':'forward'}")).isEqualTo(new Forward(null));
    assertThat(shape("{'action':'reload'}")).isEqualTo(new Reload(null));
    assertThat(shape("{'action':'reload','timeoutMs':5000}")).isEqualTo(new Reload(5000));
  }

  @Test
  void backTakesNoUrl() {
    assertThat(errors("{'action':'back','url':'https://example.com/'}"))
        .containsExactly(new FieldError("actions[0].url", "is not a known field"));
  }

  @Test
  void extractTakesLiveStateAndComputedStyleAsProperties() {
    assertThat(shape("{'action':'extract','name':'c','target':'#agree','property':'checked'}"))
        .isEqualTo(new Extract("c", "#agree", null, null, null, null, null, "checked", null));
    shape("{'action':'extract','name':'s','target':'option','property':'selected','all':true}");
    shape("{'action':'extract','name':'d','target':'#save','property':'disabled'}");
    shape("{'action':'extract','name':'colour','target':'h1','property':'style:color'}");
    shape("{'action':'extract','name':'accent','target':'h1','property':'style:--accent-colour'}");
  }

  @Test
  void anUnknownExtractPropertyIsNamed() {
    assertThat(errors("{'action':'extract','name':'x','target':'h1','property':'colour'}"))
        .extracting(FieldError::field).containsOnly("actions[0].property");
    assertThat(errors("{'action':'extract','name':'x','target':'h1','property':'style:'}"))
        .extracting(FieldError::field).containsOnly("actions[0].property");
  }

  @Test
  void frameIsASelectorOrAPathOfThemOutermostFirst() {
    assertThat(shape("{'action':'click','target':'#save','frame':'#outer'}"))
        .isEqualTo(new Click("#save", null, null, FramePath.of("#outer"), null));
    assertThat(shape("{'action':'click','target':'#save','frame':['#outer','#inner']}"))
        .isEqualTo(new Click("#save", null, null, FramePath.of("#outer", "#inner"), null));
    String one = "{'action':'extract','name':'x','target':'p','frame':['#only']}";
    assertThat(JobSubmitSchema.validateRequest(request(one))).isEmpty();
    assertThat(((Extract) JsonCodec.convert(json(one), Action.class)).frame()).isEqualTo(FramePath.of("#only"));
  }

  @Test
  void anEmptyOrMistypedFramePathIsNamed() {
    assertThat(errors("{'action':'click','target':'#save','frame':[]}"))
        .extracting(FieldError::field).containsOnly("actions[0].frame");
    assertThat(errors("{'action':'click','target':'#save','frame':['#outer',3]}"))
        .extracting(FieldError::field).containsOnly("actions[0].frame", "actions[0].frame[1]");
    assertThat(errors("{'action':'fill','target':'#n','value':'x','frame':''}"))
        .extracting(FieldError::field).containsOnly("actions[0].frame");
  }

  @Test
  void switchToTakesAnIndexOrAPartOfTheUrl() {
    assertThat(shape("{'action':'switchTo','index':1}")).isEqualTo(new SwitchTo(1, null, null));
    assertThat(shape("{'action':'switchTo','urlContains':'report'}")).isEqualTo(new SwitchTo(null, "report", null));
    assertThat(shape("{'action':'switchTo','index':0}")).isEqualTo(new SwitchTo(0, null, null));
  }

  @Test
  void switchToWithBothOrNeitherOrANegativeIndexIsRejected() {
    assertThat(errors("{'action':'switchTo','index':1,'urlContains':'report'}"))
        .extracting(FieldError::field).contains("actions[0]");
    assertThat(errors("{'action':'switchTo'}")).extracting(FieldError::field).contains("actions[0]");
    assertThat(errors("{'action':'switchTo','index':-1}")).extracting(FieldError::field).contains("actions[0].index");
  }

  @Test
  void dragAndDropTakesATargetAndASelectorToDropOn() {
    assertThat(shape("{'action':'dragAndDrop','target':'#from','to':'#to'}"))
        .isEqualTo(new DragAndDrop("#from", null, null, null, null, "#to"));
    shape("{'action':'dragAndDrop','target':'Card','getTargetBy':'getByText','frame':['#outer','#board'],'to':'.lane'}");
  }

  @Test
  void dragAndDropNeedsWhereToDrop() {
    assertThat(errors("{'action':'dragAndDrop','target':'#from'}"))
        .containsExactly(new FieldError("actions[0].to", "is required"));
  }

  @Test
  void uploadCarriesFilesInlineAsBase64() {
    assertThat(shape("{'action':'upload','target':'#file','files':[{'name':'a.txt','mimeType':'text/plain','base64':'aGVsbG8='}]}"))
        .isEqualTo(new Upload("#file", null, null, null, null, List.of(new Upload.File("a.txt", "text/plain", "aGVsbG8="))));
    shape("{'action':'upload','target':'#file','files':[{'name':'a.bin','base64':''},{'name':'b.bin','base64':'AA=='}]}");
  }

  @Test
  void anUploadWithoutFilesOrWithTooLargeOrNonBase64BytesIsRejectedByField() {
    assertThat(errors("{'action':'upload','target':'#file','files':[]}"))
        .extracting(FieldError::field).containsOnly("actions[0].files");
    assertThat(errors("{'action':'upload','target':'#file','files':[{'name':'a.txt','base64':'not base64!'}]}"))
        .extracting(FieldError::field).containsOnly("actions[0].files[0].base64");
    String tooLarge = "A".repeat(4 * (Upload.MAX_FILE_BYTES / 3 + 1) + 4);
    assertThat(errors("{'action':'upload','target':'#file','files':[{'name':'a.bin','base64':'" + tooLarge + "'}]}"))
        .extracting(FieldError::field).containsOnly("actions[0].files[0].base64");
    assertThat(errors("{'action':'upload','target':'#file','files':[{'base64':'AA=='}]}"))
        .containsExactly(new FieldError("actions[0].files[0].name", "is required"));
  }

  @Test
  void dialogsAreAcceptedWithAnOptionalPromptTextOrDismissed() {
    assertThat(shape("{'action':'dialogs','accept':false}")).isEqualTo(new Dialogs(false, null));
    assertThat(shape("{'action':'dialogs','accept':true,'promptText':'x'}")).isEqualTo(new Dialogs(true, "x"));
    assertThat(shape("{'action':'dialogs','accept':true}")).isEqualTo(new Dialogs(true, null));
  }

  @Test
  void dialogsWithoutAcceptOrWithAPromptTextToDismissIsRejectedByField() {
    assertThat(errors("{'action':'dialogs'}")).containsExactly(new FieldError("actions[0].accept", "is required"));
    assertThat(errors("{'action':'dialogs','accept':'yes'}")).extracting(FieldError::field).containsOnly("actions[0].accept");
    assertThat(errors("{'action':'dialogs','accept':false,'promptText':'x'}"))
        .extracting(FieldError::field).containsOnly("actions[0].promptText");
    assertThat(errors("{'action':'dialogs','accept':true,'timeoutMs':100}"))
        .containsExactly(new FieldError("actions[0].timeoutMs", "is not a known field"));
  }
}
