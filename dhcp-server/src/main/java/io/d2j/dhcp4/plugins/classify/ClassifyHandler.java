package io.d2j.dhcp4.plugins.classify;

import io.d2j.dhcp4.classify.BuiltInClasses;
import io.d2j.dhcp4.classify.Classifier;
import io.d2j.dhcp4.classify.ClientClasses;
import io.d2j.dhcp4.classify.EvaluationLog;
import io.d2j.dhcp4.handler.PacketContext;
import io.d2j.dhcp4.handler.PacketHandler;
import io.d2j.dhcp4.handler.Verdict;
import io.d2j.dhcp4.packet.DhcpPacket;

/**
 * Kea's first classification pass, before subnet selection: {@code ALL}, {@code
 * VENDOR_CLASS_<option 60>}, then every configured test that needs no host reservation lookup and
 * is not {@code only-if-required}, in definition order. A query in class {@code DROP} gets no
 * answer. The later passes (reserved classes, KNOWN/UNKNOWN, required classes) run in allocation.
 */
final class ClassifyHandler implements PacketHandler {

  private final Classifier classifier;

  ClassifyHandler(Classifier classifier) {
    this.classifier = classifier;
  }

  /**
   * No: the classifier is immutable (an expression's working memory is per thread) and the classes
   * go into the query's context.
   */
  @Override
  public boolean needsLeaseLock() {
    return false;
  }

  @Override
  public Verdict handle(DhcpPacket query, DhcpPacket reply, PacketContext context) {
    ClientClasses initial = classifier.initial(context.facts(query), EvaluationLog.INSTANCE);
    context.classes().addAll(initial);
    if (context.classes().contains(BuiltInClasses.DROP)) {
      return Verdict.drop("the query is in class DROP");
    }
    return Verdict.next(reply);
  }
}
