/**
 * The NCR socket: {@link io.d2j.d2.listener.NcrListener} receives datagrams on a thread of its own,
 * decodes them on another and hands each NCR to the dispatcher, and sends d2j's acks from a third;
 * bad datagrams are counted and logged, never fatal.
 */
package io.d2j.d2.listener;
