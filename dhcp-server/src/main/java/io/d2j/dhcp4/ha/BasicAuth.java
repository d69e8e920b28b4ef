package io.d2j.dhcp4.ha;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Credentials this server sends to one peer ({@code basic-auth-user} and the password, from {@code
 * basic-auth-password} or {@code basic-auth-password-file}). The password never appears in {@link
 * #toString}.
 */
public record BasicAuth(String user, String password) {

  public BasicAuth {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (user.isEmpty()) {
      throw new IllegalArgumentException("basic-auth user must not be empty");
    }
    if (user.indexOf(':') >= 0) {
      throw new IllegalArgumentException("basic-auth user '" + user + "' contains a ':'");
    }
  }

  /** The {@code Authorization} header value (RFC 7617): {@code Basic base64(user:password)}. */
  public String header() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "BasicAuth[user=" + user + ", password=(hidden)]";
  }
}
