package io.ordertrack.api.manifests;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import io.ordertrack.documents.Rupees;
import io.ordertrack.documents.SellersTime;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A manifest as a printable PDF (A4 landscape, with OpenPDF): who hands what to whom on which day,
 * a table of the parcels (its header repeated on every page), the totals the courier signs for, and
 * lines for both signatures. Amounts in rupees in Indian grouping ("Rs." — the PDF's standard fonts
 * have no rupee sign), times in India.
 */
public final class ManifestPdf {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).withZone(SellersTime.ZONE);
    private static final DateTimeFormatter GENERATED =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'IST'", Locale.ENGLISH)
                    .withZone(SellersTime.ZONE);

    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 15);
    private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 9);
    private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 7);
    private static final Color SHADE = new Color(0xEE, 0xEE, 0xEE);

    private static final List<String> COLUMNS =
            List.of(
                    "#",
                    "AWB",
                    "Order",
                    "Destination",
                    "PIN",
                    "Items",
                    "Weight (kg)",
                    "Payment",
                    "COD (Rs.)",
                    "Handed over");
    private static final float[] WIDTHS = {3, 14, 14, 14, 7, 5, 8, 8, 10, 8};

    private ManifestPdf() {}

    public static byte[] of(Manifest manifest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 30, 30, 30, 40);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setPageEvent(new Footer(manifest));
            document.addTitle(title(manifest));
            document.addCreator("ordertrack");
            document.open();
            document.add(new Paragraph(title(manifest), TITLE));
            document.add(
                    new Paragraph(
                            "Seller "
                                    + manifest.tenantId()
                                    + "   Warehouse "
                                    + manifest.warehouseId()
                                    + "   Courier "
                                    + manifest.courier()
                                    + "   Pickup day "
                                    + DAY.format(manifest.day())
                                    + "   Generated "
                                    + GENERATED.format(manifest.generatedAt()),
                            TEXT));
            document.add(new Paragraph(" ", SMALL));
            document.add(parcels(manifest));
            document.add(new Paragraph(" ", TEXT));
            document.add(
                    new Paragraph(
                            "Handed over by (seller): ______________________________      "
                                    + "Received by (courier): ______________________________"
                                    + "      Date and time: __________________",
                            TEXT));
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("A manifest is always a valid PDF document", e);
        }
        return out.toByteArray();
    }

    private static PdfPTable parcels(Manifest manifest) {
        PdfPTable table = new PdfPTable(WIDTHS);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String column : COLUMNS) {
            PdfPCell cell = new PdfPCell(new Phrase(column, BOLD));
            cell.setBackgroundColor(SHADE);
            table.addCell(cell);
        }
        int number = 0;
        for (Manifest.Parcel parcel : manifest.parcels()) {
            cell(table, Integer.toString(++number), TEXT, Element.ALIGN_RIGHT);
            cell(table, parcel.awb(), TEXT, Element.ALIGN_LEFT);
            cell(table, parcel.clientOrderId(), TEXT, Element.ALIGN_LEFT);
            cell(table, orEmpty(parcel.city()), TEXT, Element.ALIGN_LEFT);
            cell(table, orEmpty(parcel.pincode()), TEXT, Element.ALIGN_LEFT);
            cell(table, Integer.toString(parcel.items()), TEXT, Element.ALIGN_RIGHT);
            cell(
                    table,
                    parcel.weightGrams() == null ? "" : kilograms(parcel.weightGrams()),
                    TEXT,
                    Element.ALIGN_RIGHT);
            cell(table, parcel.paymentMode(), TEXT, Element.ALIGN_LEFT);
            cell(
                    table,
                    parcel.codPaise() == 0 ? "" : Rupees.of(parcel.codPaise()),
                    TEXT,
                    Element.ALIGN_RIGHT);
            cell(table, TIME.format(parcel.handedOverAt()), TEXT, Element.ALIGN_RIGHT);
        }
        Manifest.Totals totals = manifest.totals();
        cell(table, "", BOLD, Element.ALIGN_LEFT);
        PdfPCell label = new PdfPCell(new Phrase("Total: " + totals.parcels() + " parcels", BOLD));
        label.setColspan(4);
        table.addCell(label);
        cell(table, Integer.toString(totals.items()), BOLD, Element.ALIGN_RIGHT);
        cell(table, kilograms(totals.weightGrams()), BOLD, Element.ALIGN_RIGHT);
        cell(table, totals.codParcels() + " COD", BOLD, Element.ALIGN_LEFT);
        cell(table, Rupees.of(totals.codPaise()), BOLD, Element.ALIGN_RIGHT);
        cell(table, "", BOLD, Element.ALIGN_LEFT);
        return table;
    }

    private static void cell(PdfPTable table, String text, Font font, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(alignment);
        table.addCell(cell);
    }

    private static String title(Manifest manifest) {
        return "Manifest: " + manifest.courier() + " pickup at " + manifest.warehouseId();
    }

    private static String kilograms(long grams) {
        return String.format(Locale.ENGLISH, "%.3f", grams / 1000.0);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Each page says whose manifest it is and its number. */
    private static final class Footer extends PdfPageEventHelper {
        private final String text;

        Footer(Manifest manifest) {
            this.text =
                    manifest.fileName("pdf").replace(".pdf", "")
                            + "   "
                            + manifest.totals().parcels()
                            + " parcels   page ";
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            ColumnText.showTextAligned(
                    writer.getDirectContent(),
                    Element.ALIGN_RIGHT,
                    new Phrase(text + writer.getPageNumber(), SMALL),
                    document.right(),
                    document.bottom() - 20,
                    0);
        }
    }
}
