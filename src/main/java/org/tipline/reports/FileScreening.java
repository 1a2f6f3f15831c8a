package org.tipline.reports;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipInputStream;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.JpegIptcRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.tika.Tika;
import org.jspecify.annotations.Nullable;

/**
 * What a file that a reporter sends really is, and what it says about them besides its content.
 *
 * <p>The type is read from the file's first bytes (Apache Tika), never from its name or the type
 * its sender claims. Executables are refused, and so are ZIP archives (office documents included)
 * with an executable inside, by name or by its first bytes. Unless the reporter asked to keep their
 * files as they are, metadata is taken out before the file is sealed: EXIF (camera, time, GPS
 * position), XMP and IPTC from JPEG (Apache Commons Imaging), text, time and EXIF chunks from PNG,
 * the document information and XMP of a PDF (PDFBox), and the properties parts of office documents
 * (OOXML and OpenDocument, rewritten as they stream). An image or PDF is read whole into memory,
 * up to {@link UploadProperties#cleanLimit()}, while no more than that many bytes of all files
 * being cleaned at once are held ({@link UploadProperties#cleanMemory()}), reserved as they arrive;
 * a larger file is kept as sent and the reporter is told so. A file that claims to be one of these
 * and cannot be read is refused: it is not stored with its metadata.
 */
final class FileScreening {

    /** What was found and done. {@code removed} and {@code note} are message-key suffixes. */
    record Screened(
            String contentType,
            List<String> removed,
            @Nullable String note) {
        Screened {
            removed = List.copyOf(removed);
        }
    }

    private static final int PREFIX = 64 * 1024;
    private static final int MIB = 1024 * 1024;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** PNG chunks that carry words, times or EXIF rather than pixels. */
    private static final Set<String> PNG_TEXT = Set.of("tEXt", "zTXt", "iTXt", "eXIf", "tIME");

    private static final Set<String> EXECUTABLE_NAMES = Set.of(
            "exe", "dll", "scr", "com", "bat", "cmd", "msi", "ps1", "vbs", "vbe", "js", "jse", "wsf", "jar", "apk",
            "app", "sh", "elf", "bin", "lnk", "hta", "cpl", "msp", "pif", "reg");

    private final Tika tika = new Tika();
    private final Set<String> refusedTypes;
    private final long cleanLimit;
    private final Semaphore memory;
    private final int memoryMiB;

    FileScreening(UploadProperties properties) {
        this.refusedTypes = Set.copyOf(properties.refusedTypes());
        this.cleanLimit = properties.cleanLimit().toBytes();
        this.memoryMiB = (int) Math.max(1, properties.cleanMemory().toBytes() / MIB);
        this.memory = new Semaphore(memoryMiB, true);
    }

    /**
     * Reads {@code in} to its end, writes what is to be kept to {@code out}, and says what it is.
     *
     * @throws UploadRejected if it is an executable, an archive holding one, or a file that claims
     *     to be an image or PDF and cannot be read; or if too many files are being cleaned at once
     */
    Screened screen(InputStream in, boolean keepOriginal, OutputStream out) throws IOException {
        var buffered = new BufferedInputStream(in, PREFIX);
        buffered.mark(PREFIX);
        var prefix = buffered.readNBytes(PREFIX);
        buffered.reset();
        var type = baseType(tika.detect(prefix));
        if (refused(type)) {
            throw new UploadRejected(UploadRejected.Reason.REFUSED_TYPE);
        }
        var office =
                type.startsWith("application/x-tika-ooxml") || type.startsWith("application/vnd.oasis.opendocument.");
        if (office && !keepOriginal) {
            var removed = new ArrayList<String>();
            cleanOffice(buffered, out, removed);
            return new Screened(type, removed, null);
        }
        if (type.equals("application/zip") || office) {
            scanArchive(buffered, out);
            return new Screened(type, List.of(), office ? "kept" : null);
        }
        var cleanable = type.equals("image/jpeg") || type.equals("image/png") || type.equals("application/pdf");
        if (!cleanable) {
            buffered.transferTo(out);
            return new Screened(type, List.of(), null);
        }
        if (keepOriginal) {
            buffered.transferTo(out);
            return new Screened(type, List.of(), "kept");
        }
        var held = 0;
        try {
            var whole = new ByteArrayOutputStream();
            var chunk = new byte[MIB];
            int n;
            while ((n = buffered.readNBytes(chunk, 0, chunk.length)) > 0) {
                if (whole.size() + n > cleanLimit) {
                    // too large to clean in memory: kept as sent, and the reporter is told
                    whole.writeTo(out);
                    out.write(chunk, 0, n);
                    buffered.transferTo(out);
                    return new Screened(type, List.of(), "too-large");
                }
                if (!memory.tryAcquire(1, 10, TimeUnit.SECONDS)) {
                    throw new UploadRejected(UploadRejected.Reason.BUSY);
                }
                held++;
                whole.write(chunk, 0, n);
            }
            var bytes = whole.toByteArray();
            var removed = new ArrayList<String>();
            var cleaned = switch (type) {
                case "image/jpeg" -> cleanJpeg(bytes, removed);
                case "image/png" -> cleanPng(bytes, removed);
                default -> cleanPdf(bytes, removed);
            };
            out.write(cleaned);
            return new Screened(type, removed, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UploadRejected(UploadRejected.Reason.BUSY);
        } finally {
            memory.release(held);
        }
    }

    /** Returns a detected type without its parameters ({@code application/x-msdownload; format=pe32}). */
    private static String baseType(String detected) {
        var type = org.apache.tika.mime.MediaType.parse(detected);
        return type == null ? "application/octet-stream" : type.getBaseType().toString();
    }

    private boolean refused(String type) {
        return refusedTypes.contains(type);
    }

    /** Passes an archive through while reading its entries: one with an executable inside is refused. */
    private void scanArchive(InputStream in, OutputStream out) throws IOException {
        var tee = new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                var b = super.read();
                if (b >= 0) {
                    out.write(b);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                var n = super.read(buffer, offset, length);
                if (n > 0) {
                    out.write(buffer, offset, n);
                }
                return n;
            }
        };
        // not closed: closing it would close the request's stream, which its owner closes
        var zip = new ZipInputStream(tee, StandardCharsets.UTF_8);
        try {
            java.util.zip.ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                var name = entry.getName().toLowerCase(Locale.ROOT);
                var dot = name.lastIndexOf('.');
                if (dot >= 0 && EXECUTABLE_NAMES.contains(name.substring(dot + 1))) {
                    throw new UploadRejected(UploadRejected.Reason.REFUSED_TYPE);
                }
                if (!entry.isDirectory() && refused(baseType(tika.detect(zip.readNBytes(4096))))) {
                    throw new UploadRejected(UploadRejected.Reason.REFUSED_TYPE);
                }
            }
        } catch (java.util.zip.ZipException | IllegalArgumentException e) {
            // not a readable archive after all (or names not in UTF-8): kept as the bytes it is
        }
        // whatever the archive reader left unread (its central directory) goes through as well
        tee.transferTo(OutputStream.nullOutputStream());
    }

    /** What replaces an office document's properties: the same parts, saying nothing. */
    private static final java.util.Map<String, String> EMPTY_PROPERTIES = java.util.Map.of(
            "docProps/core.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\"/>",
            "docProps/app.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"/>",
            "docProps/custom.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\"/>",
            "meta.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                    + " office:version=\"1.2\"><office:meta/></office:document-meta>");

    /** The time every entry of a cleaned office document carries (the earliest a ZIP can say). */
    private static final long ZIP_EPOCH = java.time.LocalDateTime.of(1980, 1, 1, 0, 0)
            .toInstant(java.time.ZoneOffset.UTC)
            .toEpochMilli();

    /**
     * Writes an office document (OOXML or OpenDocument, both ZIP packages) anew as it streams in:
     * its properties parts (author, company, manager, dates, custom properties) replaced by empty
     * ones, every entry's time set to 1980, extra fields and the archive comment dropped, the
     * content copied as it is. A program inside is refused; a package that cannot be read is refused
     * rather than kept with its properties. Stored (uncompressed) entries are held in memory to be
     * counted, up to the clean limit.
     */
    private void cleanOffice(InputStream in, OutputStream out, List<String> removed) throws IOException {
        var zip = new ZipInputStream(in, StandardCharsets.UTF_8);
        try {
            var writer = new java.util.zip.ZipOutputStream(new java.io.FilterOutputStream(out) {
                @Override
                public void write(byte[] buffer, int offset, int length) throws IOException {
                    out.write(buffer, offset, length);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            java.util.zip.ZipEntry entry;
            var any = false;
            while ((entry = zip.getNextEntry()) != null) {
                any = true;
                var name = entry.getName();
                var lower = name.toLowerCase(Locale.ROOT);
                var dot = lower.lastIndexOf('.');
                if (dot >= 0 && EXECUTABLE_NAMES.contains(lower.substring(dot + 1))) {
                    throw new UploadRejected(UploadRejected.Reason.REFUSED_TYPE);
                }
                var copy = new java.util.zip.ZipEntry(name);
                copy.setTime(ZIP_EPOCH);
                var replacement = EMPTY_PROPERTIES.get(name);
                if (replacement != null) {
                    zip.transferTo(OutputStream.nullOutputStream());
                    removed.add("document-info");
                    writer.putNextEntry(copy);
                    writer.write(replacement.getBytes(StandardCharsets.UTF_8));
                } else if (entry.getMethod() == java.util.zip.ZipEntry.STORED) {
                    var bytes = zip.readNBytes((int) Math.min(cleanLimit + 1, Integer.MAX_VALUE - 8));
                    if (bytes.length > cleanLimit) {
                        throw new UploadRejected(UploadRejected.Reason.UNREADABLE_FILE);
                    }
                    checkProgram(bytes);
                    var crc = new java.util.zip.CRC32();
                    crc.update(bytes);
                    copy.setMethod(java.util.zip.ZipEntry.STORED);
                    copy.setSize(bytes.length);
                    copy.setCompressedSize(bytes.length);
                    copy.setCrc(crc.getValue());
                    writer.putNextEntry(copy);
                    writer.write(bytes);
                } else {
                    writer.putNextEntry(copy);
                    var head = zip.readNBytes(4096);
                    checkProgram(head);
                    writer.write(head);
                    zip.transferTo(writer);
                }
                writer.closeEntry();
            }
            if (!any) {
                throw new UploadRejected(UploadRejected.Reason.UNREADABLE_FILE);
            }
            writer.finish();
            writer.flush();
        } catch (java.util.zip.ZipException | IllegalArgumentException e) {
            throw new UploadRejected(UploadRejected.Reason.UNREADABLE_FILE);
        }
        // what the reader left unread (the old central directory) is not kept
        in.transferTo(OutputStream.nullOutputStream());
        if (!removed.isEmpty()) {
            var distinct = new LinkedHashSet<>(removed);
            removed.clear();
            removed.addAll(distinct);
        }
    }

    private void checkProgram(byte[] head) {
        if (head.length > 0 && refused(baseType(tika.detect(head)))) {
            throw new UploadRejected(UploadRejected.Reason.REFUSED_TYPE);
        }
    }

    /** EXIF, XMP and IPTC out of a JPEG; what went is named in {@code removed}. */
    private static byte[] cleanJpeg(byte[] bytes, List<String> removed) {
        try {
            var found = new LinkedHashSet<String>();
            if (Imaging.getMetadata(bytes) instanceof JpegImageMetadata metadata) {
                var exif = metadata.getExif();
                if (exif != null) {
                    if (exif.getGpsInfo() != null) {
                        found.add("location");
                    }
                    if (metadata.findExifValueWithExactMatch(TiffTagConstants.TIFF_TAG_MAKE) != null
                            || metadata.findExifValueWithExactMatch(TiffTagConstants.TIFF_TAG_MODEL) != null) {
                        found.add("camera");
                    }
                    found.add("exif");
                }
                if (metadata.getPhotoshop() != null) {
                    found.add("iptc");
                }
            }
            if (Imaging.getXmpXml(bytes) != null) {
                found.add("xmp");
            }
            var out = new ByteArrayOutputStream(bytes.length);
            new ExifRewriter().removeExifMetadata(bytes, out);
            var noExif = out.toByteArray();
            out.reset();
            new JpegXmpRewriter().removeXmpXml(noExif, out);
            var noXmp = out.toByteArray();
            out.reset();
            new JpegIptcRewriter().removeIptc(noXmp, out);
            removed.addAll(found);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new UploadRejected(UploadRejected.Reason.UNREADABLE_FILE);
        }
    }

    /** Text, time and EXIF chunks out of a PNG; pixels, colour and transparency chunks stay as they are. */
    private static byte[] cleanPng(byte[] bytes, List<String> removed) {
        var buffer = ByteBuffer.wrap(bytes);
        var signature = new byte[PNG_SIGNATURE.length];
        if (bytes.length < signature.length + 12) {
            throw new UploadRejected(UploadRejected.Reason.UNREADABLE_FILE);
        }
        buffer.get(signature);
        if (!java.util.Arrays.equals(signature, PNG_SIGNATURE)) {
            throw new UploadRejected(UploadRejected.Reason.UNREADABLE_FILE);
        }
        var out = new ByteArrayOutputStream(bytes.length);
        out.write(signature, 0, signature.length);
        var found = new LinkedHashSet<String>();
        var ended = false;
        while (!ended) {
            if (buffer.remaining() < 12) {
                throw new UploadRejected(UploadRejected.Reason.UNREADABLE_FILE);
            }
            var start = buffer.position();
            var length = buffer.getInt();
            if (length < 0 || length > buffer.remaining() - 8) {
                throw new UploadRejected(UploadRejected.Reason.UNREADABLE_FILE);
            }
            var kind = new String(bytes, buffer.position(), 4, StandardCharsets.ISO_8859_1);
            buffer.position(buffer.position() + 4 + length + 4);
            ended = kind.equals("IEND");
            if (PNG_TEXT.contains(kind)) {
                found.add(kind.equals("eXIf") ? "exif" : kind.equals("tIME") ? "time" : "text");
            } else {
                out.write(bytes, start, buffer.position() - start);
            }
        }
        removed.addAll(found);
        return out.toByteArray();
    }

    /** The document information and XMP metadata out of a PDF, saved anew so the old objects go. */
    private static byte[] cleanPdf(byte[] bytes, List<String> removed) {
        try (var document = Loader.loadPDF(bytes)) {
            if (document.isEncrypted()) {
                throw new UploadRejected(UploadRejected.Reason.UNREADABLE_FILE);
            }
            var info = document.getDocumentInformation();
            if (info != null && info.getCOSObject().size() > 0) {
                removed.add("document-info");
            }
            document.setDocumentInformation(new PDDocumentInformation());
            var catalog = document.getDocumentCatalog();
            if (catalog.getMetadata() != null) {
                removed.add("xmp");
                catalog.setMetadata(null);
            }
            var out = new ByteArrayOutputStream(bytes.length);
            document.save(out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            if (e instanceof UploadRejected rejected) {
                throw rejected;
            }
            throw new UploadRejected(UploadRejected.Reason.UNREADABLE_FILE);
        }
    }

    @Override
    public String toString() {
        return "FileScreening[" + memoryMiB + " MiB]";
    }
}
