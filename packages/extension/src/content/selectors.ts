/**
 * Every selector the content scripts use to read Gmail and Outlook, in one place: when a mail
 * client changes its markup, this is the file to change. What a selector finds is read only
 * through attributes and text; when the anchor for the docked card stops matching, the card
 * floats in the corner of the window instead.
 */
export const SELECTORS = {
  gmail: {
    /** A sender in the thread list: a `span` with `email` and `name` attributes. */
    threadSender: 'tr.zA span[email]',
    /** The sender in the header of an opened message. */
    openedSender: 'h3.iw span.gD[email]',
    /** The message an opened sender belongs to: its recipients, time and body are inside. */
    message: 'div.adn',
    recipients: 'span.g2[email]',
    /** The time of the message, as the `title` of this element. */
    time: 'span.g3[title]',
    body: 'div.a3s',
    subject: 'h2.hP',
    /** The view of the opened thread, which the docked card belongs to. */
    dockAnchor: 'div[role="main"]',
  },
  outlook: {
    readingPane:
      '#ReadingPaneContainerId, [aria-label="Reading Pane"], [aria-label="Reading pane"]',
    /** The header of the message in the reading pane, where the addresses are. */
    header:
      '[aria-label="Message header"], [aria-label="Message headers"], [data-testid="message-header"]',
    /** The sender within the header, when it is marked as such. */
    from: '[aria-label^="From"], [aria-label^="发件人"], [data-testid="SenderPersona"]',
    /** Elements of the header whose `href`, `title` or `aria-label` may hold an address. */
    addresses: 'a[href^="mailto:"], [title*="@"], [aria-label*="@"]',
    subject: '[role="heading"][aria-level="2"]',
    time: '[data-testid="SentReceivedSavedTime"]',
    body: '[aria-label="Message body"]',
  },
} as const;
