/**
 * localStorage key of the page's own report queue (used only where no service worker keeps
 * reports). Its own tiny module so the always-loaded client can check it without the queue code.
 */
export const REPORT_QUEUE_KEY = 'startup-help:report-queue'
