import Taro from '@tarojs/taro'

// The saved 单位码: the QR with the company name under it, drawn on a 2D canvas (the API's PNG
// is the bare QR: drawing 中文 on the server would need a CJK font there). The same drawing runs
// on an H5 <canvas> and on a weapp canvas of type 2d.

const W = 600
const QR = 480
const TOP = 40
const LINE = 42
const H = TOP + QR + 40 + LINE * 2 + 30

type Ctx = {
  fillStyle: string | CanvasGradient | CanvasPattern
  font: string
  textAlign: CanvasTextAlign
  textBaseline: CanvasTextBaseline
  fillRect: (x: number, y: number, w: number, h: number) => void
  fillText: (text: string, x: number, y: number) => void
  measureText: (text: string) => { width: number }
  drawImage: (img: never, x: number, y: number, w: number, h: number) => void
}

/** The name in at most two lines that fit the width. */
function lines(ctx: Ctx, name: string): string[] {
  const out: string[] = []
  let line = ''
  for (const ch of name) {
    if (ctx.measureText(line + ch).width > W - 60 && line) {
      out.push(line)
      line = ch
    } else line += ch
  }
  out.push(line)
  return out.slice(0, 2)
}

function draw(ctx: Ctx, img: unknown, name: string) {
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, W, H)
  ctx.drawImage(img as never, (W - QR) / 2, TOP, QR, QR)
  ctx.fillStyle = '#1f2329'
  ctx.font = 'bold 30px sans-serif'
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  lines(ctx, name).forEach((text, i) => ctx.fillText(text, W / 2, TOP + QR + 40 + LINE * i))
}

/** H5: a PNG data URL of the composed picture, for a download link. */
export function composeH5(src: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const img = new window.Image()
    img.onload = () => {
      const canvas = document.createElement('canvas')
      canvas.width = W
      canvas.height = H
      const ctx = canvas.getContext('2d')
      if (!ctx) return reject(new Error('canvas'))
      draw(ctx as unknown as Ctx, img, name)
      resolve(canvas.toDataURL('image/png'))
    }
    img.onerror = () => reject(new Error('image'))
    img.src = src
  })
}

/** H5: hand the composed picture to the browser as a download (`${name}${suffix}.png`). */
export async function downloadH5(src: string, name: string, suffix = '单位码'): Promise<void> {
  const url = await composeH5(src, name)
  const a = document.createElement('a')
  a.href = url
  a.download = `${name}${suffix}.png`
  document.body.appendChild(a)
  a.click()
  a.remove()
}

type WeappCanvas = {
  width: number
  height: number
  getContext: (type: '2d') => Ctx
  createImage: () => { src: string; onload: () => void; onerror: () => void }
}

/** weapp: draw on the page's <Canvas type='2d' id={canvasId}> and save the result to the album. */
export async function saveToAlbumWeapp(canvasId: string, src: string, name: string): Promise<void> {
  const canvas = await new Promise<WeappCanvas>((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${canvasId}`)
      .fields({ node: true, size: true })
      .exec((res) => (res?.[0]?.node ? resolve(res[0].node as WeappCanvas) : reject(new Error('canvas'))))
  })
  canvas.width = W
  canvas.height = H
  const ctx = canvas.getContext('2d')
  const img = canvas.createImage()
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve()
    img.onerror = () => reject(new Error('image'))
    img.src = src
  })
  draw(ctx, img, name)
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png' } as Taro.canvasToTempFilePath.Option)
  await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
}

export const CANVAS_SIZE = { width: W, height: H }
