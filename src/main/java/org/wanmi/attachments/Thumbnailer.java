package org.wanmi.attachments;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * JPEG thumbnails with plain Java2D (headless): the source is decoded subsampled (a 12 MP photo never sits in
 * memory at full size), turned upright by its EXIF orientation, scaled down in halving steps (bilinear, good enough
 * at 320 px), flattened on white (PNG transparency) and written at the given quality (0.8 for thumbnails). The JPEG
 * is written without metadata (no EXIF, XMP or IPTC: only the JFIF header), which is also what makes the larger
 * public copies safe to publish.
 */
final class Thumbnailer {

	private final int maxSide;

	private final float quality;

	Thumbnailer(int maxSide) {
		this(maxSide, 0.8f);
	}

	Thumbnailer(int maxSide, float quality) {
		this.maxSide = maxSide;
		this.quality = quality;
	}

	/** Writes the thumbnail to {@code target}; {@code false} when the image cannot be decoded. */
	boolean write(Path source, int orientation, Path target) throws IOException {
		BufferedImage image = decode(source);
		if (image == null) {
			return false;
		}
		image = upright(toRgb(image), orientation);
		image = scale(image);
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try (OutputStream out = Files.newOutputStream(target); ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(ios);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return true;
	}

	private BufferedImage decode(Path source) throws IOException {
		try (ImageInputStream iis = ImageIO.createImageInputStream(source.toFile())) {
			Iterator<ImageReader> readers = iis == null ? null : ImageIO.getImageReaders(iis);
			if (readers == null || !readers.hasNext()) {
				return null;
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(iis, true, true);
				int longest = Math.max(reader.getWidth(0), reader.getHeight(0));
				ImageReadParam param = reader.getDefaultReadParam();
				int step = Math.max(1, longest / (maxSide * 2));
				param.setSourceSubsampling(step, step, 0, 0);
				return reader.read(0, param);
			}
			catch (IOException | RuntimeException ex) {
				return null; // e.g. CMYK JPEG: no thumbnail, the file itself is still served
			}
			finally {
				reader.dispose();
			}
		}
	}

	private static BufferedImage toRgb(BufferedImage src) {
		if (src.getType() == BufferedImage.TYPE_INT_RGB) {
			return src;
		}
		BufferedImage rgb = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D g = rgb.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, src.getWidth(), src.getHeight());
		g.drawImage(src, 0, 0, null);
		g.dispose();
		return rgb;
	}

	/** Applies EXIF orientation 2–8 (1 = already upright). */
	static BufferedImage upright(BufferedImage src, int orientation) {
		if (orientation <= 1 || orientation > 8) {
			return src;
		}
		int w = src.getWidth();
		int h = src.getHeight();
		AffineTransform t = new AffineTransform();
		switch (orientation) {
			case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
			case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
			case 4 -> { t.translate(0, h); t.scale(1, -1); }
			case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
			case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
			case 7 -> { t.translate(h, w); t.rotate(Math.PI / 2); t.scale(-1, 1); }
			case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
			default -> { }
		}
		boolean swap = orientation >= 5;
		BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.drawImage(src, t, null);
		g.dispose();
		return out;
	}

	private BufferedImage scale(BufferedImage src) {
		BufferedImage current = src;
		int w = src.getWidth();
		int h = src.getHeight();
		double factor = Math.min(1.0, (double) maxSide / Math.max(w, h));
		int targetW = Math.max(1, (int) Math.round(w * factor));
		int targetH = Math.max(1, (int) Math.round(h * factor));
		while (current.getWidth() != targetW || current.getHeight() != targetH) {
			int nextW = Math.max(targetW, current.getWidth() / 2);
			int nextH = Math.max(targetH, current.getHeight() / 2);
			BufferedImage next = new BufferedImage(nextW, nextH, BufferedImage.TYPE_INT_RGB);
			Graphics2D g = next.createGraphics();
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			g.drawImage(current, 0, 0, nextW, nextH, null);
			g.dispose();
			current = next;
		}
		return current;
	}

}
