/**
 * What `POST /qontak/messages` uses when a request names no template, channel or language: set only
 * when the app runs on its embedded emulator (whose demo template and channel are known).
 */
export interface MessageDefaults {
  /** The WhatsApp template's id. */
  templateId: string;
  /** The channel integration's id. */
  channelId: string;
  /** The template's language code. */
  language: string;
}
