/** What dsp may do in a stand-in server where it opens threads (Discord's default role cannot create them). */
export const THREAD_PERMISSIONS = [
  'ViewChannel',
  'SendMessages',
  'SendMessagesInThreads',
  'CreatePublicThreads',
  'ReadMessageHistory',
  'EmbedLinks',
  'UseApplicationCommands',
] as const;
