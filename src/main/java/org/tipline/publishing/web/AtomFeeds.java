package org.tipline.publishing.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.tipline.accounts.Organizations;
import org.tipline.publishing.Post;
import org.tipline.shared.PublicLinks;

/**
 * Writes an account's Atom feed (RFC 4287) with the JDK's XML writer, which escapes every text and
 * attribute: ids are {@code urn:uuid:} names that survive a change of host, each entry carries the
 * post's sanitised HTML as escaped {@code html} content, its tags as categories and its language.
 */
@Component
class AtomFeeds {

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final PublicLinks links;

    AtomFeeds(PublicLinks links) {
        this.links = links;
    }

    byte[] feed(
            Organizations.Organization organization,
            @Nullable String tag,
            List<Post> posts,
            Instant lastChange,
            HttpServletRequest request) {
        var out = new ByteArrayOutputStream(16 * 1024);
        try {
            // through a buffered writer: the JDK's writer over a byte stream encodes character by character
            var writer =
                    new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
            var xml = FACTORY.createXMLStreamWriter(writer);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            var feedPath = tag == null ? "/o/{organization}/feed.atom" : "/o/{organization}/tags/{tag}/feed.atom";
            var self = tag == null
                    ? links.link(request, feedPath, organization.slug())
                    : links.link(request, feedPath, organization.slug(), tag);
            var name = "tipline:" + organization.id() + (tag == null ? "" : ":tag:" + tag);
            text(xml, "id", "urn:uuid:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
            text(xml, "title", tag == null ? organization.name() : organization.name() + " · " + tag);
            text(xml, "updated", time(lastChange));
            xml.writeStartElement("author");
            text(xml, "name", organization.name());
            xml.writeEndElement();
            link(xml, "self", self, "application/atom+xml");
            var account = tag == null
                    ? links.link(request, "/o/{organization}", organization.slug())
                    : links.link(request, "/o/{organization}", organization.slug()) + "?tag=" + tag;
            link(xml, "alternate", account, "text/html");
            xml.writeStartElement("generator");
            xml.writeCharacters("Tipline");
            xml.writeEndElement();
            for (var post : posts) {
                entry(xml, organization, post, request);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            writer.flush();
        } catch (XMLStreamException | java.io.IOException e) {
            throw new IllegalStateException("Could not write a feed", e);
        }
        return out.toByteArray();
    }

    private void entry(
            XMLStreamWriter xml, Organizations.Organization organization, Post post, HttpServletRequest request)
            throws XMLStreamException {
        xml.writeStartElement("entry");
        xml.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", post.language());
        text(xml, "id", "urn:uuid:" + post.id());
        text(xml, "title", post.title());
        var published = java.util.Objects.requireNonNull(post.publishedAt());
        text(xml, "published", time(published));
        text(xml, "updated", time(post.updatedAt().isAfter(published) ? post.updatedAt() : published));
        link(
                xml,
                "alternate",
                links.link(request, "/o/{organization}/posts/{number}", organization.slug(), post.number()),
                "text/html");
        for (var tag : post.tags()) {
            xml.writeEmptyElement("category");
            xml.writeAttribute("term", tag);
        }
        if (!post.summary().isBlank()) {
            text(xml, "summary", post.summary());
        }
        xml.writeStartElement("content");
        xml.writeAttribute("type", "html");
        xml.writeCharacters(post.html());
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }

    private static void text(XMLStreamWriter xml, String element, String text) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static String time(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }
}
