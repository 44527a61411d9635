package io.github.authkitservlet.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestVectorsTest {

  @Test
  void theBundledCopyIsTheSharedFileWhenThatIsPresent() throws Exception {
    String bundled = TestVectors.bundledCopy();
    Optional<Path> shared = TestVectors.sharedFile();
    if (shared.isPresent()) {
      assertEquals(Files.readString(shared.get()), bundled,
          "src/test/resources/test-vectors/" + TestVectors.FILE + " is out of date: copy " + shared.get());
    }
    // Either way the copy must hold the four vectors the codec tests use.
    assertEquals(4, TestVectors.parse(bundled).getJsonArray("vectors").size());
  }
}
