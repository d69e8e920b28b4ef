package io.d2j.dhcp4.classify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where tests that cannot be evaluated for a query are reported: {@code EVAL_RESULT} at ERROR on
 * {@code kea-dhcp4.options}, Kea's id and logger for the same event.
 */
public final class EvaluationLog implements Classifier.FailureListener {

  private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.options");

  /** The one listener the handlers use. */
  public static final EvaluationLog INSTANCE = new EvaluationLog();

  private EvaluationLog() {}

  @Override
  public void failed(String className, EvaluationException e) {
    LOG.error("EVAL_RESULT class={} error={}", className, e.getMessage());
  }
}
