import Taro from '@tarojs/taro'

// 图片线索 before upload: compressed on the phone (weapp: Taro.compressImage; H5, where Taro has
// no compressImage: a canvas re-draw, which also drops EXIF), then read as base64 for the one
// JSON request that sends the tip. A photo from the album and one from the camera take the same
// path. The server decodes and re-encodes again: this only saves the user's data plan.

const MAX_SIDE = 1600
const QUALITY = 0.8

async function h5Compress(url: string): Promise<string> {
  const img = await new Promise<HTMLImageElement>((resolve, reject) => {
    const i = new window.Image()
    i.onload = () => resolve(i)
    i.onerror = () => reject(new Error('无法读取该图片'))
    i.src = url
  })
  const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('无法读取该图片')
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
  return canvas.toDataURL('image/jpeg', QUALITY).replace(/^data:image\/jpeg;base64,/, '')
}

function weappBase64(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: path,
      encoding: 'base64',
      success: (r) => resolve(r.data as string),
      fail: reject,
    })
  })
}

/** The compressed photo at `path` (a temp file in weapp, a blob: URL in H5) as base64. */
export async function photoBase64(path: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') return h5Compress(path)
  let src = path
  try {
    src = (await Taro.compressImage({ src: path, quality: QUALITY * 100 })).tempFilePath
  } catch {
    // an image the compressor cannot read is sent as is; the server decides
  }
  return weappBase64(src)
}
