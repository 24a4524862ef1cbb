// Test data for the flows: valid-looking identities and a small real PNG (the API checks magic
// bytes and decodes nothing else, so any real PNG serves as the face photo).
export function randomPhone(): string {
  return "134" + String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
}

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function idCheckChar(first17: string): string {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * W[i], 0);
  return "10X98765432"[sum % 11];
}

/** An ID number of 常州钟楼区 with a random birth date between 1970 and 1999. */
export function randomIdNumber(): string {
  const day = new Date(Date.UTC(1970, 0, 1) + Math.floor(Math.random() * 30 * 365) * 86_400_000);
  const ymd = day.toISOString().slice(0, 10).replaceAll("-", "");
  const first17 = `320404${ymd}${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
  return first17 + idCheckChar(first17);
}

// 16×16 PNG, one flat skin tone.
export const PNG_FACE = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR4nGN4tm8BSYhhVMOohuGrAQCdGEQf7TGM9AAAAABJRU5ErkJggg==",
  "base64",
);
