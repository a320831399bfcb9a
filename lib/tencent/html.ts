/** Text put into an HTML page (the pages customers see: the Return Trigger's, the sandbox's). No n8n import. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
