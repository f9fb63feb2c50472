package org.optlab.ui.views;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.ui.part.ViewPart;
import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.OptimizerRegistry;
import org.optlab.ui.internal.Messages;

/** The registered optimizers (from the extension point) with their hyper-parameters, defaults and valid ranges. */
public final class OptimizersView extends ViewPart {

    public static final String ID = "org.optlab.ui.views.optimizers";

    private TreeViewer viewer;

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TreeViewer(parent, SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        column(Messages.OptimizersView_name, 200, OptimizersView::nameOf);
        column(Messages.OptimizersView_default, 80,
                e -> e instanceof HyperParameter p ? HyperParameter.format(p.defaultValue()) : "");
        column(Messages.OptimizersView_validValues, 150, e -> e instanceof HyperParameter p ? p.validValues() : "");
        column(Messages.OptimizersView_description, 360, e -> switch (e) {
            case OptimizerDescriptor d -> d.summary();
            case HyperParameter p -> p.description();
            default -> "";
        });
        ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.setContentProvider(new DescriptorContentProvider());
        viewer.setInput(OptimizerRegistry.fromExtensions().descriptors());
        viewer.expandAll();
        fitColumns();
    }

    /** Widens each column to its header and its rows (never narrower than it was made), so no header is cut. */
    private void fitColumns() {
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(viewer.getTree());
        try {
            for (TreeColumn column : viewer.getTree().getColumns()) {
                int wanted = column.getWidth();
                column.pack();
                // the header's text plus room for its padding and a sort/resize margin
                int header = gc.textExtent(column.getText()).x + 24;
                column.setWidth(Math.max(Math.max(wanted, header), Math.min(column.getWidth(), 480)));
            }
        } finally {
            gc.dispose();
        }
    }

    /** Whether every column is at least as wide as its header's text (for tests). */
    public boolean headersFit() {
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(viewer.getTree());
        try {
            return java.util.Arrays.stream(viewer.getTree().getColumns())
                    .allMatch(c -> gc.textExtent(c.getText()).x < c.getWidth());
        } finally {
            gc.dispose();
        }
    }

    /** The tree's rows, for tests: the first column's text of each top-level item. */
    public List<String> optimizerRows() {
        return Arrays.stream(viewer.getTree().getItems()).map(i -> i.getText(0)).toList();
    }

    private void column(String title, int width, Function<Object, String> text) {
        TreeViewerColumn column = new TreeViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }

            @Override
            public String getToolTipText(Object element) {
                return element instanceof OptimizerDescriptor d ? d.citation().toString() : null;
            }
        });
    }

    private static String nameOf(Object element) {
        return switch (element) {
            case OptimizerDescriptor d -> d.name() + " (" + d.id() + ")";
            case HyperParameter p -> p.name();
            default -> String.valueOf(element);
        };
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    /** Descriptors at the top, their hyper-parameters below. */
    static final class DescriptorContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return ((List<?>) input).toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            return parent instanceof OptimizerDescriptor d ? d.hyperParameters().toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof OptimizerDescriptor d && !d.hyperParameters().isEmpty();
        }
    }
}
