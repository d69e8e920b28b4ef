package io.d2j.dhcp4.classify;

import io.d2j.dhcp4.log.Dhcp4Log;

/**
 * Where tests that cannot be evaluated for a query are reported: {@code EVAL_RESULT} at ERROR on
 * {@code kea-dhcp4.options}, Kea's id and logger for the same event.
 */
public final class EvaluationLog implements Classifier.FailureListener {

  /** The one listener the handlers use. */
  public static final EvaluationLog INSTANCE = new EvaluationLog();

  private EvaluationLog() {}

  @Override
  public void failed(String className, EvaluationException e) {
    Dhcp4Log.EVAL_RESULT.log(className, e.getMessage());
  }
}
