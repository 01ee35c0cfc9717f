/** How to see the notify URL when a Set's outcome is unknown. */
export const READ_BACK_NOTIFY_URL = 'Run "Get notify URL" to see the current value.';
