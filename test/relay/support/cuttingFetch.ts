/**
 * A `fetch` whose response breaks off: the real server's multipart body (RFC framing, boundary `-`)
 * up to the end of its first `parts` parts, then either a clean end of the body (the server stopped
 * writing) or, after half of the next part, a network error (the connection dropped).
 */

const DELIMITER_LINE = '\r\n---\r\n';

/**
 * @param parts How many complete parts get through.
 * @param ending `end`: the body ends there. `reset`: half the next part, then the read fails.
 * @returns A `fetch` for `createFetchFunction`.
 */
export function createCuttingFetch(parts: number, ending: 'end' | 'reset'): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const body = await response.text();
    const starts: number[] = [];
    for (let index = body.indexOf(DELIMITER_LINE); index !== -1; index = body.indexOf(DELIMITER_LINE, index + 1)) starts.push(index);
    if (starts.length <= parts) throw new Error(`the response has ${starts.length} parts; cutting after ${parts} leaves nothing out`);
    const cut = starts[parts]! + DELIMITER_LINE.length;
    const half = cut + Math.floor(((starts[parts + 1] ?? body.length) - cut) / 2);
    const encoder = new TextEncoder();
    let step = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        step += 1;
        if (step === 1) controller.enqueue(encoder.encode(body.slice(0, cut)));
        else if (ending === 'end') controller.close();
        else if (step === 2) controller.enqueue(encoder.encode(body.slice(cut, half)));
        else controller.error(new TypeError('terminated: other side closed'));
      },
    });
    return new Response(stream, { status: response.status, headers: response.headers });
  };
}
