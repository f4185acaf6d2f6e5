package dev.browserfleet.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.cli.CliException;
import org.junit.jupiter.api.Test;

class ApiBaseTest {

  @Test
  void theServerOrItsApiBaseAreBothAccepted() {
    assertThat(ApiClient.apiBase("http://localhost:8080").toString()).isEqualTo("http://localhost:8080/api/v1");
    assertThat(ApiClient.apiBase("https://bf.example.com/api/v1/").toString()).isEqualTo("https://bf.example.com/api/v1");
    assertThatThrownBy(() -> ApiClient.apiBase("localhost:8080")).isInstanceOf(CliException.class).hasMessageContaining("http or https");
  }

  @Test
  void aProblemBecomesAMessageWithEachFieldAtFault() {
    CliException e = ApiClient.problem(400,
        "{\"type\":\"x\",\"title\":\"Invalid job\",\"detail\":\"The job is invalid\",\"errors\":[{\"field\":\"browserTypeId\",\"message\":\"no active browser type 99\"}]}");
    assertThat(e.exitCode()).isEqualTo(2);
    assertThat(e.getMessage()).isEqualTo("the API answered 400: The job is invalid\n  browserTypeId: no active browser type 99");
    assertThat(ApiClient.problem(502, "<html>bad gateway</html>").getMessage()).isEqualTo("the API answered 502: <html>bad gateway</html>");
  }
}
