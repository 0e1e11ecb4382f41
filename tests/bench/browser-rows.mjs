// The browser rows of `npm run bench` (filled in below).
export async function browserRows() {
  return [];
}
